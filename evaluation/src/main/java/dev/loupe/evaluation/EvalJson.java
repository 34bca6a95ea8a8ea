package dev.loupe.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.model.Json;
import dev.loupe.model.ScoreDataType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The one JSON shape of connections, evaluators and rules: what the API reads and answers
 * (Langfuse's {@code unstable} evaluator and evaluation-rule shapes where they exist) and what the
 * store keeps as a config's body. A connection's API key is read from requests, kept only sealed,
 * and never written to an answer. Errors name the field.
 */
public final class EvalJson {
  private EvalJson() {}

  /** A request body as a JSON object. */
  public static ObjectNode object(String text) {
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException("body: not JSON: " + JudgeClient.excerpt(e.getMessage()));
    }
    if (n == null || !n.isObject())
      throw new IllegalArgumentException("body: must be a JSON object");
    return (ObjectNode) n;
  }

  // ---- connections

  /** A connection as the API answers it: no key, only its last four characters. */
  public static ObjectNode connection(JudgeConnection c) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", c.id());
    o.put("name", c.name());
    o.put("baseUrl", c.baseUrl());
    o.put("model", c.model());
    o.put("displayKey", c.displayKey());
    o.put("timeoutSeconds", c.timeout().toSeconds());
    o.put("structuredOutput", c.structuredOutput());
    o.put("createdAt", c.createdAt().toString());
    o.put("updatedAt", c.updatedAt().toString());
    return o;
  }

  static String connectionBody(JudgeConnection c) {
    return connection(c).put("sealedKey", c.sealedKey()).toString();
  }

  static JudgeConnection connection(
      String projectId,
      String id,
      JsonNode o,
      String sealedKey,
      String displayKey,
      Instant createdAt,
      Instant updatedAt) {
    return new JudgeConnection(
        projectId,
        id,
        text(o, "name"),
        text(o, "baseUrl"),
        text(o, "model"),
        sealedKey,
        displayKey,
        Duration.ofSeconds(number(o, "timeoutSeconds", 30)),
        o.hasNonNull("structuredOutput")
            ? text(o, "structuredOutput")
            : JudgeConnection.JSON_SCHEMA,
        createdAt,
        updatedAt);
  }

  // ---- evaluators

  /** An evaluator as the API answers it (and the store keeps it). */
  public static ObjectNode evaluator(Evaluator e, int ruleCount) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", e.id());
    o.put("name", e.name());
    o.put("type", e.type().wire());
    if (e.prompt() != null) o.put("prompt", e.prompt());
    ObjectNode out = o.putObject("outputDefinition");
    out.put("dataType", e.output().dataType().name());
    ObjectNode score = out.putObject("score").put("description", e.output().scoreDescription());
    if (!e.output().categories().isEmpty()) {
      ArrayNode cats = score.putArray("categories");
      e.output().categories().forEach(cats::add);
    }
    out.putObject("reasoning").put("description", e.output().reasoningDescription());
    if (e.connection() != null) {
      ObjectNode model = o.putObject("modelConfig").put("provider", e.connection());
      if (e.model() != null) model.put("model", e.model());
    }
    if (e.check() != null) {
      CodeCheck c = e.check();
      ObjectNode check =
          o.putObject("check").put("kind", c.kind().wire()).put("source", c.source().wire());
      if (c.jsonPath() != null) check.put("jsonPath", c.jsonPath());
      if (c.pattern() != null) check.put("pattern", c.pattern());
      if (c.min() != null) check.put("min", c.min());
      if (c.max() != null) check.put("max", c.max());
    }
    ArrayNode vars = o.putArray("variables");
    e.variables().forEach(vars::add);
    o.put("evaluationRuleCount", ruleCount);
    o.put("createdAt", e.createdAt().toString());
    o.put("updatedAt", e.updatedAt().toString());
    return o;
  }

  /** The evaluator a body describes. */
  public static Evaluator evaluator(
      String projectId, String id, JsonNode o, Instant createdAt, Instant updatedAt) {
    Evaluator.Type type = Evaluator.Type.fromWire(text(o, "type"));
    OutputDefinition output = OutputDefinition.passFail();
    String connection = null;
    String model = null;
    CodeCheck check = null;
    if (type == Evaluator.Type.LLM_AS_JUDGE) {
      JsonNode out = o.path("outputDefinition");
      if (!out.isObject()) throw new IllegalArgumentException("outputDefinition: is required");
      ScoreDataType dataType =
          ScoreDataType.fromWire(text(out, "dataType", "outputDefinition.dataType"))
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "outputDefinition.dataType: NUMERIC, BOOLEAN or CATEGORICAL"));
      output =
          new OutputDefinition(
              dataType,
              out.path("score").path("description").asText(""),
              out.path("reasoning").path("description").asText(""),
              strings(out.path("score").path("categories"), "outputDefinition.score.categories"));
      JsonNode mc = o.path("modelConfig");
      connection = mc.hasNonNull("provider") ? mc.get("provider").asText() : null;
      model = mc.hasNonNull("model") ? mc.get("model").asText() : null;
    } else {
      JsonNode c = o.path("check");
      if (!c.isObject())
        throw new IllegalArgumentException("check: is required for a code evaluator");
      check =
          new CodeCheck(
              CodeCheck.Kind.fromWire(text(c, "kind", "check.kind")),
              c.hasNonNull("source")
                  ? Source.fromWire("check.source", c.get("source").asText())
                  : Source.OUTPUT,
              optionalText(c, "jsonPath"),
              optionalText(c, "pattern"),
              optionalNumber(c, "min", "check.min"),
              optionalNumber(c, "max", "check.max"));
    }
    return new Evaluator(
        projectId,
        id,
        text(o, "name"),
        type,
        optionalText(o, "prompt"),
        output,
        connection,
        model,
        check,
        createdAt,
        updatedAt);
  }

  // ---- rules

  /** A rule as the API answers it (and the store keeps it). */
  public static ObjectNode rule(EvalRule r, @Nullable Evaluator evaluator) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", r.id());
    o.put("name", r.name());
    ObjectNode ev = o.putObject("evaluator").put("id", r.evaluatorId());
    if (evaluator != null) ev.put("name", evaluator.name()).put("type", evaluator.type().wire());
    o.put("target", r.target().wire());
    o.put("enabled", r.enabled());
    o.put("status", r.enabled() ? "active" : "inactive");
    o.putNull("pausedReason");
    o.putNull("pausedMessage");
    o.put("sampling", r.sampling());
    ArrayNode filters = o.putArray("filter");
    for (RuleFilter f : r.filters()) {
      ObjectNode fo = filters.addObject().put("column", f.column()).put("operator", f.operator());
      if (RuleFilter.LIST_OPERATORS.contains(f.operator())) {
        fo.put("type", "stringOptions");
        ArrayNode vals = fo.putArray("value");
        f.values().forEach(vals::add);
      } else if (RuleFilter.NULL_OPERATORS.contains(f.operator())) {
        fo.put("type", "null");
      } else if (RuleFilter.numeric(f.column())) {
        fo.put("type", "number").put("value", Double.parseDouble(f.values().get(0)));
      } else {
        fo.put("type", f.key() != null ? "stringObject" : "string").put("value", f.values().get(0));
      }
      if (f.key() != null) fo.put("key", f.key());
    }
    ArrayNode mapping = o.putArray("mapping");
    for (VariableMapping m : r.mapping()) {
      ObjectNode mo =
          mapping.addObject().put("variable", m.variable()).put("source", m.source().wire());
      if (m.jsonPath() != null) mo.put("jsonPath", m.jsonPath());
    }
    ArrayNode scope = o.putArray("timeScope");
    if (r.newData()) scope.add("NEW");
    if (r.existingData()) scope.add("EXISTING");
    if (r.backfillFrom() != null || r.backfillTo() != null) {
      ObjectNode b = o.putObject("backfill");
      if (r.backfillFrom() != null) b.put("from", r.backfillFrom().toString());
      if (r.backfillTo() != null) b.put("to", r.backfillTo().toString());
    }
    ObjectNode budget = o.putObject("budget");
    if (r.maxCallsPerHour() != null) budget.put("maxCallsPerHour", r.maxCallsPerHour());
    else budget.putNull("maxCallsPerHour");
    if (r.maxCallsPerDay() != null) budget.put("maxCallsPerDay", r.maxCallsPerDay());
    else budget.putNull("maxCallsPerDay");
    o.put("concurrency", r.concurrency());
    if (r.scoreName() != null) o.put("scoreName", r.scoreName());
    o.put("createdAt", r.createdAt().toString());
    o.put("updatedAt", r.updatedAt().toString());
    return o;
  }

  /**
   * The evaluator a rule body names: {@code evaluator.id}, {@code evaluatorId} or {@code
   * evaluator.name}.
   */
  static Ref evaluatorRef(JsonNode o) {
    JsonNode ev = o.path("evaluator");
    if (ev.hasNonNull("id")) return new Ref(ev.get("id").asText(), null);
    if (o.hasNonNull("evaluatorId")) return new Ref(o.get("evaluatorId").asText(), null);
    if (ev.hasNonNull("name")) return new Ref(null, ev.get("name").asText());
    throw new IllegalArgumentException(
        "evaluator: name the evaluator by evaluator.id or evaluator.name");
  }

  /** An evaluator named by id or by name. */
  record Ref(@Nullable String id, @Nullable String name) {}

  /** The rule a body describes, for an evaluator already resolved. */
  static EvalRule rule(
      String projectId,
      String id,
      JsonNode o,
      String evaluatorId,
      Instant createdAt,
      Instant updatedAt) {
    List<RuleFilter> filters = new ArrayList<>();
    JsonNode fs = o.path("filter");
    if (!fs.isMissingNode() && !fs.isNull() && !fs.isArray())
      throw new IllegalArgumentException("filter: must be a list");
    int i = 0;
    for (JsonNode f : fs) {
      String at = "filter[" + i++ + "]";
      try {
        JsonNode v = f.path("value");
        List<String> values = new ArrayList<>();
        if (v.isArray()) v.forEach(x -> values.add(x.asText()));
        else if (!v.isMissingNode() && !v.isNull())
          values.add(v.isNumber() ? v.numberValue().toString() : v.asText());
        filters.add(
            new RuleFilter(text(f, "column"), text(f, "operator"), values, optionalText(f, "key")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at + "." + e.getMessage(), e);
      }
    }
    List<VariableMapping> mapping = new ArrayList<>();
    i = 0;
    for (JsonNode m : o.path("mapping")) {
      String at = "mapping[" + i++ + "]";
      mapping.add(
          new VariableMapping(
              text(m, "variable", at + ".variable"),
              Source.fromWire(at + ".source", text(m, "source", at + ".source")),
              optionalText(m, "jsonPath")));
    }
    boolean newData = true;
    boolean existing = false;
    JsonNode scope = o.path("timeScope");
    if (scope.isArray() && !scope.isEmpty()) {
      newData = false;
      for (JsonNode s : scope) {
        switch (s.asText().toUpperCase(Locale.ROOT)) {
          case "NEW" -> newData = true;
          case "EXISTING" -> existing = true;
          default ->
              throw new IllegalArgumentException(
                  "timeScope: NEW or EXISTING, got '" + s.asText() + "'");
        }
      }
    } else if (!scope.isMissingNode() && !scope.isNull() && !scope.isArray()) {
      throw new IllegalArgumentException("timeScope: a list of NEW and/or EXISTING");
    }
    JsonNode budget = o.path("budget");
    return new EvalRule(
        projectId,
        id,
        text(o, "name"),
        evaluatorId,
        o.hasNonNull("target")
            ? EvalRule.Target.fromWire(text(o, "target"))
            : EvalRule.Target.TRACE,
        !o.has("enabled") || bool(o, "enabled"),
        o.hasNonNull("sampling") ? number(o.get("sampling"), "sampling") : 1.0,
        filters,
        mapping,
        newData,
        existing,
        instant(o.path("backfill"), "from", "backfill.from"),
        instant(o.path("backfill"), "to", "backfill.to"),
        optionalInt(budget, "maxCallsPerHour", "budget.maxCallsPerHour"),
        optionalInt(budget, "maxCallsPerDay", "budget.maxCallsPerDay"),
        o.hasNonNull("concurrency") ? (int) number(o.get("concurrency"), "concurrency") : 4,
        optionalText(o, "scoreName"),
        createdAt,
        updatedAt);
  }

  // ---- status

  /**
   * A rule's status: the counts (matched = queued + succeeded + failed + skipped), skips and
   * failures by reason, the latest failures with their trace and a link to it.
   */
  public static ObjectNode status(RuleStatus s) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("ruleId", s.ruleId());
    o.put("matched", s.matched());
    o.put("queued", s.queued());
    o.put("succeeded", s.succeeded());
    o.put("failed", s.failed());
    o.put("skipped", s.skipped());
    ObjectNode by = o.putObject("byReason");
    counts(by.putObject("skipped"), s.skippedBy());
    counts(by.putObject("failed"), s.failedBy());
    counts(by.putObject("retrying"), s.retryingBy());
    ArrayNode errors = o.putArray("lastErrors");
    for (dev.loupe.storage.EvalJob j : s.lastErrors()) {
      ObjectNode e = errors.addObject();
      e.put("traceId", j.traceId());
      if (!j.targetId().equals(j.traceId())) e.put("observationId", j.targetId());
      e.put("reason", j.reason());
      e.put("error", j.error());
      e.put("attempts", j.attempts());
      e.put("at", j.updatedAt().toString());
      e.put("traceUrl", "/project/" + j.projectId() + "/traces/" + j.traceId());
    }
    if (s.watermark() != null) o.put("watermark", s.watermark().toString());
    else o.putNull("watermark");
    return o;
  }

  private static void counts(ObjectNode o, java.util.Map<String, Long> counts) {
    counts.forEach(o::put);
  }

  // ---- field readers

  static String text(JsonNode o, String field) {
    return text(o, field, field);
  }

  private static String text(JsonNode o, String field, String name) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) throw new IllegalArgumentException(name + ": is required");
    if (!v.isTextual()) throw new IllegalArgumentException(name + ": must be a string");
    return v.asText();
  }

  private static @Nullable String optionalText(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw new IllegalArgumentException(field + ": must be a string");
    return v.asText();
  }

  private static long number(JsonNode o, String field, long fallback) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) return fallback;
    if (!v.canConvertToLong())
      throw new IllegalArgumentException(field + ": must be a whole number");
    return v.asLong();
  }

  private static double number(JsonNode v, String field) {
    if (!v.isNumber()) throw new IllegalArgumentException(field + ": must be a number");
    return v.asDouble();
  }

  private static @Nullable Double optionalNumber(JsonNode o, String field, String name) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) return null;
    return number(v, name);
  }

  private static @Nullable Integer optionalInt(JsonNode o, String field, String name) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.canConvertToInt() || !v.isIntegralNumber())
      throw new IllegalArgumentException(name + ": must be a whole number");
    return v.asInt();
  }

  private static boolean bool(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (!v.isBoolean()) throw new IllegalArgumentException(field + ": must be true or false");
    return v.asBoolean();
  }

  private static @Nullable Instant instant(JsonNode o, String field, String name) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) return null;
    try {
      return Instant.parse(v.asText());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + ": an ISO-8601 instant such as 2026-01-01T00:00:00Z, got '" + v.asText() + "'");
    }
  }

  private static List<String> strings(JsonNode v, String name) {
    if (v.isMissingNode() || v.isNull()) return List.of();
    if (!v.isArray()) throw new IllegalArgumentException(name + ": must be a list of strings");
    List<String> out = new ArrayList<>();
    v.forEach(x -> out.add(x.asText()));
    return out;
  }
}
