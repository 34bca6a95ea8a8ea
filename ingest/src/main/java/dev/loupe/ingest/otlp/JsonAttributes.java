package dev.loupe.ingest.otlp;

import static dev.loupe.ingest.otlp.JsonScalars.expectArray;
import static dev.loupe.ingest.otlp.JsonScalars.expectObject;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * OTLP/JSON {@code KeyValue} lists and {@code AnyValue}s, as the Java values {@link SpanRecord}
 * documents.
 */
final class JsonAttributes {
  private JsonAttributes() {}

  /**
   * A {@code KeyValue} array at the current token, in wire order; values with nothing set are
   * skipped.
   */
  static Map<String, Object> keyValues(JsonParser p, String field) throws IOException {
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
          case "value" -> value = anyValue(p);
          default -> p.skipChildren();
        }
      }
      if (value != null) out.put(key, value);
    } while (p.nextToken() != JsonToken.END_ARRAY);
    return Collections.unmodifiableMap(out);
  }

  static @Nullable Object anyValue(JsonParser p) throws IOException {
    expectObject(p, "value");
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
        case "arrayValue", "array_value" -> value = array(p, name);
        case "kvlistValue", "kvlist_value" -> value = kvlist(p, name);
        default -> p.skipChildren();
      }
    }
    return value;
  }

  private static List<Object> array(JsonParser p, String field) throws IOException {
    expectObject(p, field);
    List<Object> out = List.of();
    String name;
    while ((name = p.nextFieldName()) != null) {
      if (p.nextToken() == JsonToken.VALUE_NULL) continue;
      if (!name.equals("values")) {
        p.skipChildren();
        continue;
      }
      expectArray(p, field + ".values");
      List<Object> values = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        Object value = anyValue(p);
        if (value != null) values.add(value);
      }
      out = values.isEmpty() ? List.of() : Collections.unmodifiableList(values);
    }
    return out;
  }

  private static Map<String, Object> kvlist(JsonParser p, String field) throws IOException {
    expectObject(p, field);
    Map<String, Object> out = Map.of();
    String name;
    while ((name = p.nextFieldName()) != null) {
      if (p.nextToken() == JsonToken.VALUE_NULL) continue;
      if (name.equals("values")) {
        out = keyValues(p, field + ".values");
      } else {
        p.skipChildren();
      }
    }
    return out;
  }
}
