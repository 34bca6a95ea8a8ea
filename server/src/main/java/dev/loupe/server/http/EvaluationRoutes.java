package dev.loupe.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.evaluation.EvalJson;
import dev.loupe.evaluation.EvalRule;
import dev.loupe.evaluation.Evaluations;
import dev.loupe.evaluation.Evaluator;
import dev.loupe.evaluation.JudgeConnection;
import dev.loupe.model.Json;
import dev.loupe.query.NotFoundException;
import dev.loupe.server.auth.Access;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * Evaluators that run on the server. Langfuse's {@code /api/public/unstable/evaluators} and {@code
 * /unstable/evaluation-rules} (list, create, get, PATCH, DELETE), and Loupe's own: judge
 * connections ({@code /unstable/judge-connections}: the API key is write-only, never answered), a
 * rule's execution status ({@code GET /unstable/evaluation-rules/{id}/status}) and a re-run ({@code
 * POST .../{id}/rerun}). A body that breaks a rule is a 400 naming the field.
 */
public final class EvaluationRoutes {
  private static final String BASE = "/api/public/unstable";

  private final Evaluations evaluations;

  public EvaluationRoutes(Evaluations evaluations) {
    this.evaluations = requireNonNull(evaluations, "evaluations");
  }

  public void routing(Routes routes) {
    routes
        .get(BASE + "/judge-connections", Access.BASIC, this::connections)
        .post(BASE + "/judge-connections", Access.BASIC, this::createConnection)
        .get(BASE + "/judge-connections/{id}", Access.BASIC, this::connection)
        .patch(BASE + "/judge-connections/{id}", Access.BASIC, this::updateConnection)
        .delete(BASE + "/judge-connections/{id}", Access.BASIC, this::deleteConnection)
        .get(BASE + "/evaluators", Access.BASIC, this::evaluators)
        .post(BASE + "/evaluators", Access.BASIC, this::createEvaluator)
        .get(BASE + "/evaluators/{id}", Access.BASIC, this::evaluator)
        .patch(BASE + "/evaluators/{id}", Access.BASIC, this::updateEvaluator)
        .delete(BASE + "/evaluators/{id}", Access.BASIC, this::deleteEvaluator)
        .get(BASE + "/evaluation-rules", Access.BASIC, this::rules)
        .post(BASE + "/evaluation-rules", Access.BASIC, this::createRule)
        .get(BASE + "/evaluation-rules/{id}", Access.BASIC, this::rule)
        .patch(BASE + "/evaluation-rules/{id}", Access.BASIC, this::updateRule)
        .delete(BASE + "/evaluation-rules/{id}", Access.BASIC, this::deleteRule)
        .get(BASE + "/evaluation-rules/{id}/status", Access.BASIC, this::status)
        .post(BASE + "/evaluation-rules/{id}/rerun", Access.BASIC, this::rerun);
  }

  private void connections(Exchange ex) throws Exception {
    list(ex, evaluations.connections(ex.projectId()), EvalJson::connection);
  }

  private void createConnection(Exchange ex) throws Exception {
    ok(ex, EvalJson.connection(evaluations.createConnection(ex.projectId(), body(ex))));
  }

  private void connection(Exchange ex) throws Exception {
    ok(
        ex,
        EvalJson.connection(
            found(
                "judge connection",
                ex,
                evaluations.connection(ex.projectId(), ex.path("id")).orElse(null))));
  }

  private void updateConnection(Exchange ex) throws Exception {
    JudgeConnection c =
        evaluations.updateConnection(ex.projectId(), ex.path("id"), body(ex)).orElse(null);
    ok(ex, EvalJson.connection(found("judge connection", ex, c)));
  }

  private void deleteConnection(Exchange ex) throws Exception {
    deleted(ex, "judge connection", evaluations.deleteConnection(ex.projectId(), ex.path("id")));
  }

  private void evaluators(Exchange ex) throws Exception {
    String p = ex.projectId();
    list(
        ex,
        evaluations.evaluators(p),
        e -> EvalJson.evaluator(e, evaluations.ruleCount(p, e.id())));
  }

  private void createEvaluator(Exchange ex) throws Exception {
    ok(ex, EvalJson.evaluator(evaluations.createEvaluator(ex.projectId(), body(ex)), 0));
  }

  private void evaluator(Exchange ex) throws Exception {
    Evaluator e =
        found("evaluator", ex, evaluations.evaluator(ex.projectId(), ex.path("id")).orElse(null));
    ok(ex, EvalJson.evaluator(e, evaluations.ruleCount(ex.projectId(), e.id())));
  }

  private void updateEvaluator(Exchange ex) throws Exception {
    Evaluator e =
        found(
            "evaluator",
            ex,
            evaluations.updateEvaluator(ex.projectId(), ex.path("id"), body(ex)).orElse(null));
    ok(ex, EvalJson.evaluator(e, evaluations.ruleCount(ex.projectId(), e.id())));
  }

  private void deleteEvaluator(Exchange ex) throws Exception {
    deleted(ex, "evaluator", evaluations.deleteEvaluator(ex.projectId(), ex.path("id")));
  }

  private void rules(Exchange ex) throws Exception {
    list(ex, evaluations.rules(ex.projectId()), r -> ruleJson(ex.projectId(), r));
  }

  private void createRule(Exchange ex) throws Exception {
    ok(ex, ruleJson(ex.projectId(), evaluations.createRule(ex.projectId(), body(ex))));
  }

  private void rule(Exchange ex) throws Exception {
    ok(
        ex,
        ruleJson(
            ex.projectId(),
            found(
                "evaluation rule",
                ex,
                evaluations.rule(ex.projectId(), ex.path("id")).orElse(null))));
  }

  private void updateRule(Exchange ex) throws Exception {
    EvalRule r = evaluations.updateRule(ex.projectId(), ex.path("id"), body(ex)).orElse(null);
    ok(ex, ruleJson(ex.projectId(), found("evaluation rule", ex, r)));
  }

  private void deleteRule(Exchange ex) throws Exception {
    deleted(ex, "evaluation rule", evaluations.deleteRule(ex.projectId(), ex.path("id")));
  }

  private void status(Exchange ex) throws Exception {
    ok(
        ex,
        EvalJson.status(
            found(
                "evaluation rule",
                ex,
                evaluations.status(ex.projectId(), ex.path("id")).orElse(null))));
  }

  private void rerun(Exchange ex) throws Exception {
    ok(
        ex,
        ruleJson(
            ex.projectId(),
            found(
                "evaluation rule",
                ex,
                evaluations.rerun(ex.projectId(), ex.path("id")).orElse(null))));
  }

  private ObjectNode ruleJson(String projectId, EvalRule r) {
    return EvalJson.rule(r, evaluations.evaluator(projectId, r.evaluatorId()).orElse(null));
  }

  private static <T> void list(Exchange ex, List<T> all, Function<T, ObjectNode> json)
      throws Exception {
    ObjectNode page = Json.MAPPER.createObjectNode();
    ArrayNode data = page.putArray("data");
    all.forEach(x -> data.add(json.apply(x)));
    page.putObject("meta")
        .put("page", 1)
        .put("limit", all.size())
        .put("totalItems", all.size())
        .put("totalPages", all.isEmpty() ? 0 : 1);
    ok(ex, page);
  }

  private static <T> T found(String what, Exchange ex, T value) {
    if (value == null) throw new NotFoundException(what, ex.path("id"));
    return value;
  }

  private static void deleted(Exchange ex, String what, boolean deleted) throws Exception {
    if (!deleted) throw new NotFoundException(what, ex.path("id"));
    ok(ex, Json.MAPPER.createObjectNode().put("message", what + " deleted"));
  }

  private static ObjectNode body(Exchange ex) throws Exception {
    return EvalJson.object(new String(ex.body(), StandardCharsets.UTF_8));
  }

  private static void ok(Exchange ex, ObjectNode json) throws Exception {
    ex.json(200, json.toString().getBytes(StandardCharsets.UTF_8));
  }
}
