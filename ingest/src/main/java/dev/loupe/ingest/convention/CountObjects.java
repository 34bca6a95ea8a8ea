package dev.loupe.ingest.convention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * Reads the JSON text most usage objects are, {@code {"input":1234,"output":56}}, without a Jackson
 * parser, whose set-up costs several times the reading of so short a text. Only the plainest form
 * is read here: no whitespace, keys of printable ASCII without escapes, each once, values of one to
 * nine digits without a sign or leading zero, nothing after the closing brace. The tree is the one
 * Jackson builds from that text (an {@code ObjectNode} of {@code IntNode}s in text order); anything
 * else gives null and {@link Values#parse} leaves it to Jackson.
 */
final class CountObjects {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DIGITS = 9; // always an int, as Jackson reads it

  private CountObjects() {}

  /** The object {@code s} holds when it has the plain form, else null. */
  static @Nullable JsonNode parse(String s) {
    int n = s.length();
    if (n < 5 || s.charAt(0) != '{' || s.charAt(n - 1) != '}') return null;
    ObjectNode object = NODES.objectNode();
    int at = 1;
    while (true) {
      if (s.charAt(at) != '"') return null;
      int keyEnd = keyEnd(s, at + 1, n);
      if (keyEnd < 0 || keyEnd + 2 >= n || s.charAt(keyEnd + 1) != ':') return null;
      String key = s.substring(at + 1, keyEnd);
      at = keyEnd + 2;
      int value = 0, digits = 0;
      for (char c; at < n && (c = s.charAt(at)) >= '0' && c <= '9'; at++, digits++) {
        if (digits == MAX_DIGITS || (digits == 1 && value == 0)) return null;
        value = value * 10 + (c - '0');
      }
      if (digits == 0 || object.has(key)) return null;
      object.put(key, value);
      char next = s.charAt(at); // at < n: the text ends with '}'
      if (next == '}') return at == n - 1 ? object : null;
      if (next != ',' || ++at >= n) return null;
    }
  }

  /** The index of the quote closing a key that starts at {@code from}; -1 when not plain. */
  private static int keyEnd(String s, int from, int n) {
    for (int i = from; i < n; i++) {
      char c = s.charAt(i);
      if (c == '"') return i;
      if (c < 0x20 || c > 0x7E || c == '\\') return -1;
    }
    return -1;
  }
}
