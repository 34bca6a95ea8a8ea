package dev.loupe.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Typed access to the fields of a JSON request parameter; every error is an {@link
 * InvalidParameterException} for that parameter whose reason starts with the JSON path.
 */
final class JsonFields {
  private final String parameter;

  JsonFields(String parameter) {
    this.parameter = parameter;
  }

  InvalidParameterException error(String path, String reason) {
    return new InvalidParameterException(parameter, path + ": " + reason);
  }

  ObjectNode object(JsonNode node, String path) {
    if (!(node instanceof ObjectNode o)) throw error(path, "expected an object, got " + kind(node));
    return o;
  }

  /** Rejects keys outside {@code allowed} so that a misspelt field is not silently ignored. */
  void onlyKeys(ObjectNode o, String path, Set<String> allowed) {
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
  @Nullable JsonNode optional(ObjectNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? null : n;
  }

  String text(ObjectNode o, String field, String path) {
    String v = optionalText(o, field, path);
    if (v == null) throw error(join(path, field), "required");
    return v;
  }

  @Nullable String optionalText(ObjectNode o, String field, String path) {
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
    String v = text(o, field, path);
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

  static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  static String kind(JsonNode n) {
    return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }
}
