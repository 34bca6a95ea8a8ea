package dev.loupe.query.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.query.InvalidParameterException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Typed access to the fields of a JSON request body; errors are {@link InvalidParameterException}s
 * naming the field's JSON path. Decimals are read exactly (no double conversion, scale kept).
 */
final class BodyFields {
  private static final ObjectMapper EXACT =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private BodyFields() {}

  static ObjectNode parseObject(String json) {
    JsonNode root;
    try {
      root = EXACT.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidParameterException("body", "malformed JSON: " + e.getOriginalMessage());
    }
    return object(root, "body");
  }

  static ObjectNode object(@Nullable JsonNode n, String path) {
    if (!(n instanceof ObjectNode o))
      throw new InvalidParameterException(path, "expected an object");
    return o;
  }

  static void onlyKeys(ObjectNode o, String path, Set<String> allowed) {
    for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new InvalidParameterException(
            join(path, name),
            "unknown field (allowed: "
                + String.join(", ", allowed.stream().sorted().toList())
                + ")");
      }
    }
  }

  static @Nullable JsonNode optional(ObjectNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? null : n;
  }

  static String text(ObjectNode o, String field, String path) {
    String v = optionalText(o, field, path);
    if (v == null || v.isBlank())
      throw new InvalidParameterException(join(path, field), "required");
    return v;
  }

  static @Nullable String optionalText(ObjectNode o, String field, String path) {
    JsonNode n = optional(o, field);
    if (n == null) return null;
    if (!n.isTextual()) throw new InvalidParameterException(join(path, field), "expected a string");
    return n.textValue();
  }

  /** A number ≥ 0 as an exact decimal; null when missing or null. */
  static @Nullable BigDecimal optionalPrice(ObjectNode o, String field, String path) {
    JsonNode n = optional(o, field);
    return n == null ? null : price(n, join(path, field));
  }

  static BigDecimal price(JsonNode n, String path) {
    BigDecimal d = decimal(n, path);
    if (d.signum() < 0) throw new InvalidParameterException(path, "must not be negative, got " + d);
    return d;
  }

  static BigDecimal decimal(JsonNode n, String path) {
    if (!n.isNumber()) throw new InvalidParameterException(path, "expected a number");
    return n.decimalValue();
  }

  static boolean bool(ObjectNode o, String field, String path, boolean dflt) {
    JsonNode n = optional(o, field);
    if (n == null) return dflt;
    if (!n.isBoolean())
      throw new InvalidParameterException(join(path, field), "expected true or false");
    return n.booleanValue();
  }

  static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
