package dev.loupe.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Typed access to the fields of a JSON request parameter (the metrics {@code query}) or body (a
 * model price); every error is an {@link InvalidParameterException} naming the JSON path: for a
 * parameter, the parameter with a reason that starts with the path; for a body, the path itself.
 * Body decimals are read exactly (no double conversion, scale kept).
 */
public final class JsonFields {
  private static final ObjectMapper EXACT =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private final @Nullable String parameter;

  JsonFields(@Nullable String parameter) {
    this.parameter = parameter;
  }

  /** Fields of a request body: errors name the field's path. */
  public static JsonFields forBody() {
    return new JsonFields(null);
  }

  public InvalidParameterException error(String path, String reason) {
    return parameter == null
        ? new InvalidParameterException(path, reason)
        : new InvalidParameterException(parameter, path + ": " + reason);
  }

  /** A request body that must be one JSON object. */
  public ObjectNode parseObject(String json) {
    JsonNode root;
    try {
      root = EXACT.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidParameterException("body", "malformed JSON: " + e.getOriginalMessage());
    }
    return object(root, "body");
  }

  public ObjectNode object(@Nullable JsonNode node, String path) {
    if (!(node instanceof ObjectNode o)) throw error(path, "expected an object, got " + kind(node));
    return o;
  }

  /** Rejects keys outside {@code allowed} so that a misspelt field is not silently ignored. */
  public void onlyKeys(ObjectNode o, String path, Set<String> allowed) {
    for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw error(
            join(path, name),
            "unknown field (allowed: " + String.join(", ", sorted(allowed)) + ")");
      }
    }
  }

  /** The field's value; null when missing or JSON null. */
  public @Nullable JsonNode optional(ObjectNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? null : n;
  }

  /** A required string; blank counts as missing. */
  public String text(ObjectNode o, String field, String path) {
    String v = optionalText(o, field, path);
    if (v == null || v.isBlank()) throw error(join(path, field), "required");
    return v;
  }

  public @Nullable String optionalText(ObjectNode o, String field, String path) {
    JsonNode n = optional(o, field);
    if (n == null) return null;
    if (!n.isTextual()) throw error(join(path, field), "expected a string, got " + kind(n));
    return n.textValue();
  }

  /** The elements of an array field; empty when missing or null. */
  List<JsonNode> array(ObjectNode o, String field, String path) {
    JsonNode n = optional(o, field);
    if (n == null) return List.of();
    if (!n.isArray()) throw error(join(path, field), "expected an array, got " + kind(n));
    List<JsonNode> items = new ArrayList<>();
    n.forEach(items::add);
    return items;
  }

  /** An ISO-8601 instant (with Z or an offset) or a date (its start in UTC). */
  Instant instant(ObjectNode o, String field, String path) {
    return instant(text(o, field, path), field, path);
  }

  /** Like {@link #instant(ObjectNode, String, String)}; null when missing or null. */
  public @Nullable Instant optionalInstant(ObjectNode o, String field, String path) {
    String v = optionalText(o, field, path);
    return v == null ? null : instant(v, field, path);
  }

  private Instant instant(String v, String field, String path) {
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException notInstant) {
      try {
        return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notDate) {
        throw error(join(path, field), "not an ISO-8601 timestamp: '" + v + "'");
      }
    }
  }

  /** A number ≥ 0 as an exact decimal; null when missing or null. */
  public @Nullable BigDecimal optionalPrice(ObjectNode o, String field, String path) {
    JsonNode n = optional(o, field);
    return n == null ? null : price(n, join(path, field));
  }

  /** A number ≥ 0 as an exact decimal at {@code path}. */
  public BigDecimal price(JsonNode n, String path) {
    BigDecimal d = decimal(n, path);
    if (d.signum() < 0) throw error(path, "must not be negative, got " + d);
    return d;
  }

  public BigDecimal decimal(JsonNode n, String path) {
    if (!n.isNumber()) throw error(path, "expected a number, got " + kind(n));
    return n.decimalValue();
  }

  public boolean bool(ObjectNode o, String field, String path, boolean dflt) {
    JsonNode n = optional(o, field);
    if (n == null) return dflt;
    if (!n.isBoolean()) throw error(join(path, field), "expected true or false");
    return n.booleanValue();
  }

  public static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  static String kind(@Nullable JsonNode n) {
    return n == null ? "nothing" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }
}
