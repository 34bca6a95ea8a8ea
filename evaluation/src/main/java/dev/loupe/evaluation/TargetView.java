package dev.loupe.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.model.Json;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.storage.TraceDetail;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The object a rule judges, as its filters, variables and checks read it: a trace (with its
 * observations) or one observation (with its trace).
 */
final class TargetView {
  private final TraceDetail detail;
  private final @Nullable Observation focus;

  TargetView(TraceDetail detail, @Nullable Observation focus) {
    this.detail = detail;
    this.focus = focus;
  }

  Trace trace() {
    return detail.trace();
  }

  @Nullable Observation focus() {
    return focus;
  }

  /** The source as JSON text, or null when the object has none. */
  @Nullable String text(Source source) {
    return switch (source) {
      case INPUT -> focus != null ? focus.input() : trace().input();
      case OUTPUT -> focus != null ? focus.output() : trace().output();
      case METADATA -> focus != null ? focus.metadata() : trace().metadata();
      case EXPECTED_OUTPUT -> expectedOutput();
      case TOOL_CALLS -> toolCalls().isEmpty() ? null : toolCalls().toString();
    };
  }

  /** The source's node, or the part of it the path selects; null when there is none. */
  @Nullable JsonNode node(Source source, @Nullable JsonPath path) {
    if (source == Source.TOOL_CALLS) {
      ArrayNode calls = toolCalls();
      if (calls.isEmpty()) return null;
      return path == null ? calls : path.select(calls);
    }
    String text = text(source);
    if (text == null) return null;
    JsonNode root = parse(text);
    return path == null ? root : path.select(root);
  }

  /** A node as prompt text: a string as it is, anything else as compact JSON. */
  static String asText(JsonNode node) {
    return node.isTextual() ? node.asText() : node.toString();
  }

  @Nullable Duration latency() {
    return focus != null ? focus.latency() : detail.latency();
  }

  BigDecimal cost() {
    if (focus != null) return focus.totalCost() == null ? BigDecimal.ZERO : focus.totalCost();
    return detail.totalCost();
  }

  /** The values a filter column has (several for tags; none when unset). */
  List<String> column(String column, @Nullable String key) {
    Trace t = trace();
    return switch (column) {
      case "traceName" -> list(t.name());
      case "name" -> list(focus != null ? focus.name() : t.name());
      case "userId" -> list(t.userId());
      case "sessionId" -> list(t.sessionId());
      case "tags" -> t.tags();
      case "environment" -> list(focus != null ? focus.environment() : t.environment());
      case "release" -> list(focus != null ? focus.release() : t.release());
      case "version" -> list(focus != null ? focus.version() : t.version());
      case "parentObservationId" -> list(focus == null ? null : focus.parentObservationId());
      case "metadata" -> {
        JsonNode n = node(Source.METADATA, null);
        JsonNode v = n == null || key == null ? null : n.get(key);
        yield v == null || v.isNull() ? List.of() : List.of(asText(v));
      }
      case "latency" -> {
        Duration d = latency();
        yield d == null ? List.of() : List.of(Double.toString(d.toNanos() / 1e9));
      }
      case "cost" -> List.of(cost().toPlainString());
      case "model" -> each(o -> o.model());
      case "type" -> each(o -> o.type().name());
      case "level" -> each(o -> o.level().name());
      default -> List.of();
    };
  }

  /** The tool calls: tool observations in scope, and {@code tool_calls} in outputs. */
  ArrayNode toolCalls() {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (Observation o : scope()) {
      if (o.type() == ObservationType.TOOL) {
        ObjectNode call = out.addObject();
        call.put("name", o.name());
        if (o.input() != null) call.set("arguments", parse(o.input()));
        if (o.output() != null) call.set("output", parse(o.output()));
      } else if (o.output() != null) {
        collectToolCalls(parse(o.output()), out);
      }
    }
    return out;
  }

  private List<Observation> scope() {
    if (focus == null) return detail.observations();
    List<Observation> in = new ArrayList<>();
    in.add(focus);
    for (Observation o : detail.observations())
      if (focus.id().equals(o.parentObservationId())) in.add(o);
    return in;
  }

  private static void collectToolCalls(JsonNode node, ArrayNode out) {
    if (node.isObject()) {
      JsonNode calls = node.get("tool_calls");
      if (calls != null && calls.isArray()) calls.forEach(out::add);
      node.forEach(child -> collectToolCalls(child, out));
    } else if (node.isArray()) {
      node.forEach(child -> collectToolCalls(child, out));
    }
  }

  private @Nullable String expectedOutput() {
    for (String metadata :
        focus != null
            ? new String[] {focus.metadata(), trace().metadata()}
            : new String[] {trace().metadata()}) {
      if (metadata == null) continue;
      JsonNode m = parse(metadata);
      for (String key : new String[] {"expected_output", "expectedOutput"}) {
        JsonNode v = m.get(key);
        if (v != null && !v.isNull()) return v.isTextual() ? Json.quote(v.asText()) : v.toString();
      }
    }
    return null;
  }

  private List<String> each(java.util.function.Function<Observation, @Nullable String> field) {
    LinkedHashSet<String> values = new LinkedHashSet<>();
    for (Observation o : focus != null ? List.of(focus) : detail.observations()) {
      String v = field.apply(o);
      if (v != null) values.add(v);
    }
    return List.copyOf(values);
  }

  private static List<String> list(@Nullable String v) {
    return v == null ? List.of() : List.of(v);
  }

  static JsonNode parse(String json) {
    try {
      return Objects.requireNonNull(Json.MAPPER.readTree(json));
    } catch (Exception e) {
      return JsonNodeFactory.instance.textNode(json);
    }
  }
}
