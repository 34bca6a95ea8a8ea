package dev.loupe.server.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.loupe.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON text with parts no tree can hold: numbers like {@code 1e400}, lone surrogate escapes,
 * invalid UTF-8 bytes, nesting deeper than a serializer allows. A tree carries a marker string
 * where the raw part goes; {@link #render} writes the tree and splices the raw bytes in.
 */
final class RawJson {
  private static final String PREFIX = "@@raw";
  private final List<byte[]> raws = new ArrayList<>();

  /** A node to put in the tree where {@code raw} (exact JSON text) must appear. */
  TextNode raw(String raw) {
    return raw(raw.getBytes(StandardCharsets.UTF_8));
  }

  TextNode raw(byte[] raw) {
    raws.add(raw);
    return TextNode.valueOf(PREFIX + (raws.size() - 1) + "@@");
  }

  byte[] render(JsonNode tree) {
    String text;
    try {
      text = Json.MAPPER.writeValueAsString(tree);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 64);
    int from = 0;
    while (true) {
      int at = text.indexOf("\"" + PREFIX, from);
      if (at < 0) break;
      int end = text.indexOf("@@\"", at + PREFIX.length() + 1);
      int index = Integer.parseInt(text.substring(at + 1 + PREFIX.length(), end));
      out.writeBytes(text.substring(from, at).getBytes(StandardCharsets.UTF_8));
      out.writeBytes(raws.get(index));
      from = end + 3;
    }
    out.writeBytes(text.substring(from).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** {@code depth} nested arrays around a string: {@code [[["x"]]]}. */
  static String nestedArrays(int depth) {
    return "[".repeat(depth) + "\"deep\"" + "]".repeat(depth);
  }

  /** {@code depth} nested objects: {@code {"a":{"a":{"a":1}}}}. */
  static String nestedObjects(int depth) {
    return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
  }
}
