package dev.loupe.server.ui.evaluation;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.evaluation.CodeCheck;
import dev.loupe.evaluation.EvalJson;
import dev.loupe.evaluation.EvalRule;
import dev.loupe.evaluation.Evaluations;
import dev.loupe.evaluation.Evaluator;
import dev.loupe.evaluation.RuleFilter;
import dev.loupe.evaluation.RuleStatus;
import dev.loupe.model.Json;
import dev.loupe.query.QueryParams;
import dev.loupe.server.http.Exchange;
import dev.loupe.server.ui.Formats;
import dev.loupe.server.ui.Pages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * {@code /ui/evaluations}: the project's rules with their live counts (matched, queued, succeeded,
 * failed, skipped; skips and failures by reason) and latest failures linking to their traces; a
 * form for a judge connection (its key write-only) and one for a rule (an LLM judge or a code
 * check, with its evaluator) that also edits one ({@code ?edit=ruleId}); enable/disable and re-run.
 * A refusal is the UI's 400 page naming the field.
 */
public final class EvaluationPages {
  public static final String PATH = "/ui/evaluations";

  private final Evaluations evaluations;

  public EvaluationPages(Evaluations evaluations) {
    this.evaluations = requireNonNull(evaluations, "evaluations");
  }

  public void page(Exchange ex, String projectId, Pages pages) throws IOException {
    List<EvaluationsView.RuleRow> rows = new ArrayList<>();
    for (EvalRule r : evaluations.rules(projectId)) rows.add(row(projectId, r));
    String edit = ex.params().string("edit");
    EvaluationsView.RuleRow editing =
        edit == null
            ? null
            : rows.stream().filter(r -> r.id().equals(edit)).findFirst().orElse(null);
    List<EvaluationsView.ConnectionRow> connections =
        evaluations.connections(projectId).stream()
            .map(
                c ->
                    new EvaluationsView.ConnectionRow(
                        c.name(), c.baseUrl(), c.model(), c.displayKey()))
            .toList();
    pages.render(
        ex, 200, "evaluations.jte", new EvaluationsView(projectId, rows, connections, editing));
  }

  public void createConnection(Exchange ex, String projectId) throws IOException {
    QueryParams form = form(ex);
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("name", form.string("name"));
    body.put("baseUrl", form.string("baseUrl"));
    body.put("model", form.string("model"));
    body.put("apiKey", form.string("apiKey"));
    evaluations.createConnection(projectId, body);
    Pages.redirect(ex, PATH, Map.of());
  }

  /** Creates a rule and its evaluator, or (with {@code ruleId}) changes both. */
  public void saveRule(Exchange ex, String projectId) throws IOException {
    QueryParams form = form(ex);
    String ruleId = blank(form.string("ruleId"));
    ObjectNode evaluator = evaluator(form);
    ObjectNode rule = rule(form);
    if (ruleId == null) {
      evaluator.put("name", form.string("name"));
      Evaluator e = evaluations.createEvaluator(projectId, evaluator);
      rule.putObject("evaluator").put("id", e.id());
      rule.set("mapping", mapping(e));
      evaluations.createRule(projectId, rule);
    } else {
      EvalRule old =
          evaluations
              .rule(projectId, ruleId)
              .orElseThrow(() -> new IllegalArgumentException("ruleId: no such rule"));
      evaluator.remove("type");
      Evaluator e =
          evaluations.updateEvaluator(projectId, old.evaluatorId(), evaluator).orElseThrow();
      rule.set("mapping", mapping(e));
      // filters the form cannot show (set through the API) stay as they are
      ArrayNode kept = Json.MAPPER.createArrayNode();
      for (var f : EvalJson.rule(old, e).withArray("filter")) {
        if (!shownInForm(f.path("column").asText(), f.path("operator").asText(), f.has("key")))
          kept.add(f);
      }
      rule.withArray("filter").forEach(kept::add);
      rule.set("filter", kept);
      evaluations.updateRule(projectId, ruleId, rule);
    }
    Pages.redirect(ex, PATH, Map.of());
  }

  public void toggle(Exchange ex, String projectId) throws IOException {
    String id = ex.path("ruleId");
    EvalRule r =
        evaluations
            .rule(projectId, id)
            .orElseThrow(() -> new IllegalArgumentException("ruleId: no such rule"));
    evaluations.updateRule(
        projectId, id, Json.MAPPER.createObjectNode().put("enabled", !r.enabled()));
    Pages.redirect(ex, PATH, Map.of());
  }

  public void rerun(Exchange ex, String projectId) throws IOException {
    evaluations.rerun(projectId, ex.path("ruleId"));
    Pages.redirect(ex, PATH, Map.of());
  }

  private EvaluationsView.RuleRow row(String projectId, EvalRule r) {
    Evaluator e = evaluations.evaluator(projectId, r.evaluatorId()).orElse(null);
    RuleStatus s = evaluations.status(projectId, r.id()).orElseThrow();
    List<EvaluationsView.ErrorRow> errors =
        s.lastErrors().stream()
            .map(
                j ->
                    new EvaluationsView.ErrorRow(
                        j.traceId(),
                        "/ui/traces/" + Formats.pathSegment(j.traceId()),
                        String.valueOf(j.reason()),
                        j.error() == null ? "" : j.error(),
                        j.updatedAt().toString()))
            .toList();
    String budget =
        (r.maxCallsPerHour() == null ? "" : r.maxCallsPerHour() + "/hour ")
            + (r.maxCallsPerDay() == null ? "" : r.maxCallsPerDay() + "/day");
    return new EvaluationsView.RuleRow(
        r.id(),
        r.name(),
        e == null ? "(evaluator gone)" : e.name(),
        e == null
            ? ""
            : e.type() == Evaluator.Type.CODE ? "code: " + e.check().kind().wire() : "LLM judge",
        r.target().wire(),
        r.enabled(),
        Double.toString(r.sampling()),
        budget.isBlank() ? "none" : budget.strip(),
        r.concurrency(),
        r.filters().stream().map(EvaluationPages::describe).collect(Collectors.joining("; ")),
        e == null || e.prompt() == null ? "" : e.prompt(),
        s.matched(),
        s.queued(),
        s.succeeded(),
        s.failed(),
        s.skipped(),
        reasons(s.skippedBy()),
        reasons(s.failedBy()),
        reasons(s.retryingBy()),
        errors,
        form(r, e));
  }

  private static EvaluationsView.Form form(EvalRule r, @Nullable Evaluator e) {
    boolean code = e != null && e.type() == Evaluator.Type.CODE;
    CodeCheck c = e == null ? null : e.check();
    return new EvaluationsView.Form(
        code ? "code" : "llm",
        r.target().wire(),
        e == null || e.connection() == null ? "" : e.connection(),
        e == null ? "NUMERIC" : e.output().dataType().name(),
        e == null ? "" : String.join(", ", e.output().categories()),
        c == null ? "json_valid" : c.kind().wire(),
        c == null || c.pattern() == null ? "" : c.pattern(),
        c == null || c.min() == null ? "" : plain(c.min()),
        c == null || c.max() == null ? "" : plain(c.max()),
        equalsFilter(r, "traceName"),
        equalsFilter(r, "userId"),
        r.filters().stream()
            .filter(f -> f.column().equals("tags") && f.operator().equals("all of"))
            .findFirst()
            .map(f -> String.join(", ", f.values()))
            .orElse(""),
        equalsFilter(r, "environment"),
        r.maxCallsPerHour() == null ? "" : r.maxCallsPerHour().toString(),
        r.maxCallsPerDay() == null ? "" : r.maxCallsPerDay().toString());
  }

  private static String equalsFilter(EvalRule r, String column) {
    return r.filters().stream()
        .filter(f -> f.column().equals(column) && f.operator().equals("=") && f.key() == null)
        .findFirst()
        .map(f -> f.values().get(0))
        .orElse("");
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static boolean shownInForm(String column, String operator, boolean keyed) {
    if (keyed) return false;
    return switch (column) {
      case "traceName", "userId", "environment" -> operator.equals("=");
      case "tags" -> operator.equals("all of");
      default -> false;
    };
  }

  private static String describe(RuleFilter f) {
    return f.column()
        + (f.key() == null ? "" : "." + f.key())
        + " "
        + f.operator()
        + " "
        + String.join(", ", f.values());
  }

  private static String reasons(Map<String, Long> by) {
    return by.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static ObjectNode evaluator(QueryParams form) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    String kind = form.string("kind");
    if ("code".equals(kind)) {
      o.put("type", "code");
      ObjectNode check = o.putObject("check").put("kind", form.string("checkKind"));
      if (blank(form.string("pattern")) != null) check.put("pattern", form.string("pattern"));
      number(form, "min", check);
      number(form, "max", check);
    } else {
      o.put("type", "llm_as_judge");
      o.put("prompt", form.string("prompt"));
      ObjectNode out = o.putObject("outputDefinition").put("dataType", form.string("dataType"));
      ObjectNode score = out.putObject("score").put("description", "");
      String cats = blank(form.string("categories"));
      if (cats != null) {
        ArrayNode list = score.putArray("categories");
        for (String c : cats.split(",")) if (!c.isBlank()) list.add(c.strip());
      }
      out.putObject("reasoning").put("description", "");
      o.putObject("modelConfig").put("provider", form.string("connection"));
    }
    return o;
  }

  private static ObjectNode rule(QueryParams form) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("name", form.string("name"));
    o.put("target", form.string("target") == null ? "trace" : form.string("target"));
    o.put("sampling", parse("sampling", form.string("sampling"), 1));
    ArrayNode filters = o.putArray("filter");
    filter(filters, "traceName", form.string("traceName"));
    filter(filters, "userId", form.string("userId"));
    filter(filters, "environment", form.string("environment"));
    String tags = blank(form.string("tags"));
    if (tags != null) {
      ArrayNode values =
          filters.addObject().put("column", "tags").put("operator", "all of").putArray("value");
      for (String t : tags.split(",")) if (!t.isBlank()) values.add(t.strip());
    }
    ObjectNode budget = o.putObject("budget");
    integer(form, "maxCallsPerHour", budget);
    integer(form, "maxCallsPerDay", budget);
    if (blank(form.string("concurrency")) != null)
      o.put("concurrency", (int) parse("concurrency", form.string("concurrency"), 4));
    String backfill = blank(form.string("backfillFrom"));
    if (backfill != null) {
      o.putArray("timeScope").add("NEW").add("EXISTING");
      o.putObject("backfill").put("from", backfill);
    }
    return o;
  }

  /** Each prompt variable named after a source reads that source. */
  private static ArrayNode mapping(Evaluator e) {
    ArrayNode m = Json.MAPPER.createArrayNode();
    for (String v : e.variables()) m.addObject().put("variable", v).put("source", v);
    return m;
  }

  private static void filter(ArrayNode filters, String column, @Nullable String value) {
    if (blank(value) == null) return;
    filters.addObject().put("column", column).put("operator", "=").put("value", value.strip());
  }

  private static void number(QueryParams form, String field, ObjectNode into) {
    String v = blank(form.string(field));
    if (v != null) into.put(field, parse(field, v, 0));
  }

  private static void integer(QueryParams form, String field, ObjectNode into) {
    String v = blank(form.string(field));
    if (v != null) into.put(field, (int) parse(field, v, 0));
  }

  private static double parse(String field, @Nullable String v, double fallback) {
    if (blank(v) == null) return fallback;
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + ": not a number: '" + v + "'");
    }
  }

  private static @Nullable String blank(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static QueryParams form(Exchange ex) throws IOException {
    return QueryParams.parse(new String(ex.body(), StandardCharsets.UTF_8));
  }
}
