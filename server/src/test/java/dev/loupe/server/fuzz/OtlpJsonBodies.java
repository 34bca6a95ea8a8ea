package dev.loupe.server.fuzz;

import static dev.loupe.server.fuzz.Valid.pick;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * OTLP/JSON export bodies as the Langfuse SDK writes them (hex ids, nanosecond strings, integer
 * enums), and the ways one span of such a body can be wrong while the body stays well-formed.
 */
final class OtlpJsonBodies {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private OtlpJsonBodies() {}

  static ObjectNode request(List<ObjectNode> spans) {
    ObjectNode root = F.objectNode();
    ObjectNode resource = root.putArray("resourceSpans").addObject();
    resource
        .putObject("resource")
        .putArray("attributes")
        .add(attribute("service.name", F.objectNode().put("stringValue", "fuzz")));
    ObjectNode scope = resource.putArray("scopeSpans").addObject();
    scope.putObject("scope").put("name", "langfuse-sdk").put("version", "5.11.1");
    ArrayNode array = scope.putArray("spans");
    spans.forEach(array::add);
    return root;
  }

  static ObjectNode span(Valid.Span s) {
    ObjectNode o = F.objectNode();
    o.put("traceId", s.traceId()).put("spanId", s.spanId());
    if (!s.parentId().isEmpty()) o.put("parentSpanId", s.parentId());
    o.put("name", s.name()).put("kind", 1);
    o.put("startTimeUnixNano", Long.toString(s.startNanos()));
    o.put("endTimeUnixNano", Long.toString(s.endNanos()));
    ArrayNode attributes = o.putArray("attributes");
    s.attributes()
        .forEach((k, v) -> attributes.add(attribute(k, F.objectNode().put("stringValue", v))));
    o.putObject("status").put("code", 0);
    return o;
  }

  static ObjectNode attribute(String key, JsonNode value) {
    ObjectNode a = F.objectNode();
    a.put("key", key);
    a.set("value", value);
    return a;
  }

  /** Applies one random item-level mutation to {@code span}; returns its description. */
  static String mutate(Random r, ObjectNode span, RawJson raw, boolean deep) {
    return switch (r.nextInt(deep ? 9 : 8)) {
      case 0 -> {
        String field = pick(r, List.of("startTimeUnixNano", "endTimeUnixNano"));
        Weird.W v = Weird.timeNanos(r, raw);
        span.set(field, v.node());
        yield field + "=" + v.shown();
      }
      case 1 -> {
        String field = pick(r, List.of("traceId", "spanId", "parentSpanId"));
        Weird.W v = Weird.id(r, raw);
        span.set(field, v.node());
        yield field + "=" + v.shown();
      }
      case 2 -> {
        Weird.W v = Weird.text(r, raw);
        span.set("name", v.node());
        yield "name=" + v.shown();
      }
      case 3 -> {
        String field = pick(r, List.of("kind", "status", "events", "links", "attributes"));
        Weird.W v = Weird.anyValue(r, raw);
        span.set(field, v.node());
        yield field + "=" + v.shown();
      }
      case 4, 5 -> {
        Map.Entry<String, String> a = Weird.attributeText(r);
        ((ArrayNode) span.get("attributes"))
            .add(attribute(a.getKey(), F.objectNode().put("stringValue", a.getValue())));
        yield "attribute " + a.getKey() + "=" + Weird.abbreviate(a.getValue());
      }
      case 6 -> {
        String key = pick(r, List.of("gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens"));
        Weird.W v = Weird.typedValue(r, raw);
        ((ArrayNode) span.get("attributes")).add(attribute(key, v.node()));
        yield "attribute " + key + "=" + v.shown();
      }
      case 7 -> {
        span.put("endTimeUnixNano", Long.toString(Valid.BASE.getEpochSecond() * 1_000_000_000L));
        span.put(
            "startTimeUnixNano",
            Long.toString((Valid.BASE.getEpochSecond() + 3600) * 1_000_000_000L));
        yield "endTimeUnixNano before startTimeUnixNano";
      }
      default -> {
        // within the JSON parser's depth limit of 1000 (4 per key-value list, 3 per array)
        boolean kvlist = r.nextBoolean();
        int depth = 100 + r.nextInt(kvlist ? 120 : 190);
        String nested = kvlist ? Weird.nestedKvlist(depth) : Weird.nestedArrayValue(depth);
        ((ArrayNode) span.get("attributes")).add(attribute("deep", raw.raw(nested)));
        yield "attribute value nested " + depth + " levels";
      }
    };
  }
}
