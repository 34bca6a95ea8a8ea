package dev.loupe.ingest.langfuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.model.Bounds;
import dev.loupe.model.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Typed, validating reads of one JSON object of a batch event ({@code path} is where it sits, e.g.
 * {@code body.usage}). Absent fields and JSON null read as null; a value of the wrong type throws
 * {@link InvalidEventException} naming {@code path.field} and what was expected.
 */
final class Fields {
  private final ObjectNode node;
  private final String path;

  private Fields(ObjectNode node, String path) {
    this.node = node;
    this.path = path;
  }

  static Fields of(@Nullable JsonNode value, String path) {
    String label = path.isEmpty() ? "event" : path;
    if (value == null || value.isMissingNode() || value.isNull()) {
      throw new InvalidEventException(label + ": is required");
    }
    if (!(value instanceof ObjectNode object)) {
      throw new InvalidEventException(label + ": must be a JSON object, got " + describe(value));
    }
    return new Fields(object, path);
  }

  String path(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  InvalidEventException invalid(String field, String reason) {
    return new InvalidEventException(path(field) + ": " + reason);
  }

  /** The object itself. */
  ObjectNode node() {
    return node;
  }

  Set<Map.Entry<String, JsonNode>> entries() {
    return node.properties();
  }

  @Nullable JsonNode value(String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v;
  }

  boolean has(String field) {
    return value(field) != null;
  }

  @Nullable String string(String field) {
    JsonNode v = value(field);
    if (v == null) return null;
    if (!v.isTextual()) throw invalid(field, "must be a string, got " + describe(v));
    return v.textValue();
  }

  @Nullable String string(String field, int maxLength) {
    String s = string(field);
    if (s != null && s.length() > maxLength) {
      throw invalid(field, "must be at most " + maxLength + " characters, got " + s.length());
    }
    return s;
  }

  String requiredId(String field) {
    String id = id(field);
    if (id == null) throw invalid(field, "is required");
    return id;
  }

  /**
   * An id: a non-blank string of at most {@link Bounds#MAX_ID_LENGTH} characters without carriage
   * returns or unpaired surrogates.
   */
  @Nullable String id(String field) {
    String id = string(field, Bounds.MAX_ID_LENGTH);
    if (id == null) return null;
    if (id.isBlank()) throw invalid(field, "must not be blank");
    if (id.indexOf('\r') >= 0) throw invalid(field, "must not contain a carriage return");
    String problem = Bounds.id(id);
    if (problem != null) throw invalid(field, problem);
    return id;
  }

  /** A date-time with offset, within {@link Bounds}' times. */
  @Nullable Instant instant(String field) {
    JsonNode v = value(field);
    if (v == null) return null;
    if (v.isTextual()) {
      Instant t = null;
      try {
        t = OffsetDateTime.parse(v.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        // reported below
      }
      if (t != null) {
        String problem = Bounds.time(t);
        if (problem != null) throw invalid(field, problem);
        return t;
      }
    }
    throw invalid(
        field,
        "must be an ISO 8601 date-time with offset such as 2024-05-01T12:00:00.000Z, got "
            + describe(v));
  }

  @Nullable Boolean bool(String field) {
    JsonNode v = value(field);
    if (v == null) return null;
    if (!v.isBoolean()) throw invalid(field, "must be true or false, got " + describe(v));
    return v.booleanValue();
  }

  @Nullable Integer integer(String field) {
    JsonNode v = value(field);
    if (v == null) return null;
    if (!v.isNumber() || !v.canConvertToExactIntegral() || !v.canConvertToInt()) {
      throw invalid(field, "must be an integer, got " + describe(v));
    }
    return v.intValue();
  }

  /** A usage count: an integer from 0 to {@link Bounds#MAX_UNITS}. */
  @Nullable Long count(String field) {
    JsonNode v = value(field);
    if (v == null) return null;
    if (!v.isNumber() || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
      throw invalid(field, "must be a non-negative integer, got " + describe(v));
    }
    long n = v.longValue();
    if (n < 0) throw invalid(field, "must be a non-negative integer, got " + n);
    String problem = Bounds.units(n);
    if (problem != null) throw invalid(field, problem);
    return n;
  }

  /**
   * A cost in USD: a number from 0 to {@link Bounds#MAX_COST}, without trailing zeros ({@code
   * 6.0E-4} → {@code 0.0006}).
   */
  @Nullable BigDecimal amount(String field) {
    JsonNode v = value(field);
    if (v == null) return null;
    if (!v.isNumber()) throw invalid(field, "must be a non-negative number, got " + describe(v));
    BigDecimal n =
        v.isIntegralNumber()
            ? new BigDecimal(v.bigIntegerValue())
            : v.isBigDecimal() ? v.decimalValue() : BigDecimal.valueOf(v.doubleValue());
    if (n.signum() < 0) throw invalid(field, "must be a non-negative number, got " + v.asText());
    n = n.stripTrailingZeros();
    String problem = Bounds.cost(n); // before any scaling: 1e999999999 is a short text
    if (problem != null) throw invalid(field, problem);
    return n.scale() < 0 ? n.setScale(0) : n;
  }

  List<String> strings(String field) {
    JsonNode v = value(field);
    if (v == null) return List.of();
    if (!v.isArray()) throw invalid(field, "must be an array of strings, got " + describe(v));
    List<String> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      if (!item.isTextual())
        throw invalid(field + "[" + i + "]", "must be a string, got " + describe(item));
      out.add(item.textValue());
    }
    return out;
  }

  /** Any JSON value as compact JSON text (input, output). */
  @Nullable String json(String field) {
    return Json.write(value(field));
  }

  /**
   * Metadata as a JSON object; any other JSON value is kept as {@code {"metadata": value}}, as
   * Langfuse does.
   */
  @Nullable String metadata(String field) {
    JsonNode v = value(field);
    if (v == null || v.isObject()) return Json.write(v);
    return Json.write(Map.of("metadata", v));
  }

  /** A nested object, to read with its own path; null when absent. */
  @Nullable Fields object(String field) {
    JsonNode v = value(field);
    return v == null ? null : of(v, path(field));
  }

  /** A nested object as compact JSON text (model parameters). */
  @Nullable String objectJson(String field) {
    Fields o = object(field);
    return o == null ? null : Json.write(o.node);
  }

  /**
   * Refuses a field whose value nests deeper than {@link Bounds#MAX_DEPTH} levels, naming it. Walks
   * without recursion, however deep the value.
   */
  void checkDepth() {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (depthExceeds(e.getValue(), Bounds.MAX_DEPTH)) {
        throw invalid(e.getKey(), "nested deeper than " + Bounds.MAX_DEPTH + " levels");
      }
    }
  }

  private static boolean depthExceeds(JsonNode value, int max) {
    if (!value.isContainerNode()) return false;
    ArrayDeque<JsonNode> nodes = new ArrayDeque<>();
    ArrayDeque<Integer> depths = new ArrayDeque<>();
    nodes.push(value);
    depths.push(1);
    while (!nodes.isEmpty()) {
      JsonNode n = nodes.pop();
      int depth = depths.pop();
      if (depth > max) return true;
      for (JsonNode child : n) {
        if (child.isContainerNode()) {
          nodes.push(child);
          depths.push(depth + 1);
        }
      }
    }
    return false;
  }

  static String describe(JsonNode v) {
    if (v.isNull()) return "null";
    String kind = v.getNodeType().name().toLowerCase(Locale.ROOT);
    if (v.isContainerNode()) return kind;
    String text = v.toString();
    return kind + " " + (text.length() > 60 ? text.substring(0, 57) + "..." : text);
  }
}
