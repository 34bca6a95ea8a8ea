package dev.loupe.ingest.convention;

import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.loupe.model.Chars;
import dev.loupe.model.Json;

/**
 * Whether a text is exactly one JSON value (RFC 8259), decided in one pass without allocating: the
 * check every input and output makes on the ingest path, where a Jackson parser per value cost more
 * than the scan. It accepts what the server's Jackson parser accepts, within its limits (nesting
 * depth, digits per number), so a value is JSON here exactly when it is JSON when read back; {@code
 * JsonCheckTest} holds the two to the same answers. One exception, on the safe side: a number with
 * a fraction or exponent counts all its digits against the limit, where Jackson lets a few more
 * through at the top level; such a text is kept as a JSON string instead.
 */
final class JsonCheck {
  private static final StreamReadConstraints LIMITS =
      Json.MAPPER.getFactory().streamReadConstraints();
  private static final int MAX_DEPTH = LIMITS.getMaxNestingDepth();
  private static final int MAX_DIGITS = LIMITS.getMaxNumberLength();

  /** {@link #check}: not one JSON value. */
  static final int NOT_JSON = -1;

  /** {@link #check}: one JSON value with no whitespace outside its strings. */
  static final int COMPACT = 0;

  /** {@link #check}: one JSON value with whitespace outside its strings (around or between). */
  static final int SPACED = 1;

  private final String s;
  private int at;
  private boolean spaced;

  /** The next backslash at or after the last search's start ({@code s.length()} when none). */
  private int backslash = -1;

  private JsonCheck(String s) {
    this.s = s;
  }

  /** True when {@code s} holds one whole JSON value, whitespace around it allowed. */
  static boolean isOneValue(String s) {
    return check(s) != NOT_JSON;
  }

  /**
   * {@link #NOT_JSON}, {@link #COMPACT} or {@link #SPACED}: whether {@code s} holds one whole JSON
   * value, and whether it has whitespace to take out, in one pass.
   */
  static int check(String s) {
    JsonCheck c = new JsonCheck(s);
    if (!c.value() || c.skipSpace() != s.length()) return NOT_JSON;
    return c.spaced ? SPACED : COMPACT;
  }

  /**
   * One value. Containers are followed with a stack of open brackets kept as bits of a long per 64
   * levels, so depth costs no recursion.
   */
  private boolean value() {
    long[] open = new long[(MAX_DEPTH + 63) / 64 + 1]; // bit set: object, clear: array
    int depth = 0;
    while (true) {
      if (skipSpace() == s.length()) return false;
      char c = s.charAt(at);
      if (c == '{' || c == '[') {
        if (++depth > MAX_DEPTH) return false;
        if (c == '{') open[depth >> 6] |= 1L << (depth & 63);
        else open[depth >> 6] &= ~(1L << (depth & 63));
        at++;
        boolean object = c == '{';
        if (skipSpace() < s.length() && s.charAt(at) == (object ? '}' : ']')) {
          at++;
          depth--;
        } else {
          if (object && !key()) return false;
          continue; // the first member's value
        }
      } else if (!scalar()) {
        return false;
      }
      // after a value: close containers, or go on to the next member
      while (true) {
        if (depth == 0) return true;
        boolean object = (open[depth >> 6] & (1L << (depth & 63))) != 0;
        if (skipSpace() == s.length()) return false;
        char next = s.charAt(at++);
        if (next == ',') {
          if (object && !key()) return false;
          break;
        }
        if (next != (object ? '}' : ']')) return false;
        depth--;
      }
    }
  }

  /** {@code "name" :} of an object member. */
  private boolean key() {
    if (skipSpace() == s.length() || s.charAt(at) != '"' || !string()) return false;
    if (skipSpace() == s.length() || s.charAt(at) != ':') return false;
    at++;
    return true;
  }

  private boolean scalar() {
    char c = s.charAt(at);
    return switch (c) {
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> c == '-' || (c >= '0' && c <= '9') ? number() : false;
    };
  }

  private boolean literal(String word) {
    if (!s.startsWith(word, at)) return false;
    at += word.length();
    return true;
  }

  /**
   * A string from its opening quote: escapes checked, no raw control characters. Text between
   * escapes is found with {@code indexOf} (vectorized in the JDK) and checked for control
   * characters in bulk: inputs and outputs are mostly long strings.
   */
  private boolean string() {
    at++;
    int n = s.length();
    while (true) {
      int quote = s.indexOf('"', at);
      if (quote < 0) return false;
      if (backslash < at) {
        backslash = s.indexOf('\\', at);
        if (backslash < 0) backslash = n;
      }
      int end = Math.min(quote, backslash);
      if (Chars.anyBetween(s, at, end, '\u0000', '\u001f')) return false;
      if (end == quote) {
        at = quote + 1;
        return true;
      }
      at = backslash + 1; // an escape before the quote
      if (at >= n) return false;
      char e = s.charAt(at++);
      switch (e) {
        case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {}
        case 'u' -> {
          if (at + 4 > n) return false;
          for (int i = 0; i < 4; i++) if (Character.digit(s.charAt(at++), 16) < 0) return false;
        }
        default -> {
          return false;
        }
      }
    }
  }

  /** {@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}, within the parser's digit limit. */
  private boolean number() {
    if (s.charAt(at) == '-') at++;
    int intStart = at;
    int intDigits = digits();
    if (intDigits == 0 || (intDigits > 1 && s.charAt(intStart) == '0')) return false;
    int fracDigits = 0, expDigits = 0;
    boolean fraction = at < s.length() && s.charAt(at) == '.';
    if (fraction) {
      at++;
      if ((fracDigits = digits()) == 0) return false;
    }
    boolean exponent = at < s.length() && (s.charAt(at) == 'e' || s.charAt(at) == 'E');
    if (exponent) {
      at++;
      if (at < s.length() && (s.charAt(at) == '+' || s.charAt(at) == '-')) at++;
      if ((expDigits = digits()) == 0) return false;
    }
    if (at < s.length() && isWordChar(s.charAt(at))) return false; // 12abc, 1.5x
    return fraction || exponent
        ? intDigits + fracDigits + expDigits <= MAX_DIGITS
        : intDigits <= MAX_DIGITS;
  }

  private int digits() {
    int start = at;
    while (at < s.length() && s.charAt(at) >= '0' && s.charAt(at) <= '9') at++;
    return at - start;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '+' || c == '-';
  }

  private int skipSpace() {
    int from = at;
    while (at < s.length()) {
      char c = s.charAt(at);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
      at++;
    }
    if (at != from) spaced = true;
    return at;
  }
}
