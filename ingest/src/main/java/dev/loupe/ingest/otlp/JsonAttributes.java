package dev.loupe.ingest.otlp;

import static dev.loupe.ingest.otlp.JsonScalars.expectArray;
import static dev.loupe.ingest.otlp.JsonScalars.expectObject;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.loupe.model.Bounds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * OTLP/JSON {@code KeyValue} lists and {@code AnyValue}s, as the Java values {@link SpanRecord}
 * documents. One instance reads the attributes of one span (or resource): an {@code AnyValue}
 * nested deeper than {@link Bounds#MAX_DEPTH} is skipped without recursing into it, and {@link
 * #tooDeep()} then says where, so that the span can be rejected while the rest of the request is
 * read on.
 */
final class JsonAttributes {
  private @Nullable String tooDeep;

  /** Where an {@code AnyValue} nested too deep, naming the attribute; null when none did. */
  @Nullable String tooDeep() {
    return tooDeep;
  }

  /**
   * A {@code KeyValue} array at the current token, in wire order; values with nothing set are
   * skipped.
   */
  Map<String, Object> keyValues(JsonParser p, String field) throws IOException {
    return keyValues(p, field, 0, null);
  }

  /**
   * @param depth how many {@code AnyValue}s enclose this list
   * @param attribute the top-level attribute key they belong to; null at the top
   */
  private Map<String, Object> keyValues(
      JsonParser p, String field, int depth, @Nullable String attribute) throws IOException {
    expectArray(p, field);
    if (p.nextToken() == JsonToken.END_ARRAY) return Map.of();
    Map<String, Object> out = new LinkedHashMap<>();
    do {
      expectObject(p, field + " element");
      String key = "";
      Object value = null;
      String name;
      while ((name = p.nextFieldName()) != null) {
        if (p.nextToken() == JsonToken.VALUE_NULL) continue;
        switch (name) {
          case "key" -> key = JsonScalars.string(p, "key");
          case "value" ->
              value = anyValue(p, field, attribute == null ? key : attribute, depth + 1);
          default -> p.skipChildren();
        }
      }
      if (value != null) out.put(key, value);
    } while (p.nextToken() != JsonToken.END_ARRAY);
    return Collections.unmodifiableMap(out);
  }

  private @Nullable Object anyValue(JsonParser p, String field, String attribute, int depth)
      throws IOException {
    expectObject(p, "value");
    if (depth > Bounds.MAX_DEPTH) {
      if (tooDeep == null) {
        tooDeep =
            field
                + " "
                + SpanIds.quote(attribute)
                + ": values nested deeper than "
                + Bounds.MAX_DEPTH
                + " levels";
      }
      p.skipChildren();
      return null;
    }
    Object value = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      if (p.nextToken() == JsonToken.VALUE_NULL) continue;
      switch (name) {
        case "stringValue", "string_value" -> value = JsonScalars.string(p, name);
        case "boolValue", "bool_value" -> value = JsonScalars.bool(p, name);
        case "intValue", "int_value" -> value = JsonScalars.int64(p, name);
        case "doubleValue", "double_value" -> value = JsonScalars.float64(p, name);
        case "bytesValue", "bytes_value" -> value = JsonScalars.bytes(p, name);
        case "arrayValue", "array_value" -> value = array(p, field, attribute, depth);
        case "kvlistValue", "kvlist_value" -> value = kvlist(p, field, attribute, depth);
        default -> p.skipChildren();
      }
    }
    return value;
  }

  private List<Object> array(JsonParser p, String field, String attribute, int depth)
      throws IOException {
    expectObject(p, "arrayValue");
    List<Object> out = List.of();
    String name;
    while ((name = p.nextFieldName()) != null) {
      if (p.nextToken() == JsonToken.VALUE_NULL) continue;
      if (!name.equals("values")) {
        p.skipChildren();
        continue;
      }
      expectArray(p, "arrayValue.values");
      List<Object> values = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        Object value = anyValue(p, field, attribute, depth + 1);
        if (value != null) values.add(value);
      }
      out = values.isEmpty() ? List.of() : Collections.unmodifiableList(values);
    }
    return out;
  }

  private Map<String, Object> kvlist(JsonParser p, String field, String attribute, int depth)
      throws IOException {
    expectObject(p, "kvlistValue");
    Map<String, Object> out = Map.of();
    String name;
    while ((name = p.nextFieldName()) != null) {
      if (p.nextToken() == JsonToken.VALUE_NULL) continue;
      if (name.equals("values")) {
        out = keyValues(p, field, depth, attribute);
      } else {
        p.skipChildren();
      }
    }
    return out;
  }
}
