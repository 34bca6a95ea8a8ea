package dev.loupe.evaluation;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.storage.EvalConfig;
import dev.loupe.storage.EvalJob;
import dev.loupe.storage.EvaluationStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A project's evaluation setup: judge connections (the API key sealed on the way in, never given
 * back), evaluators and rules, created from and changed by JSON bodies ({@link EvalJson}: a change
 * is the stored shape with the sent fields replaced, checked again whole), and each rule's status.
 * Every refusal is an {@link IllegalArgumentException} naming the field. Thread-safe.
 */
public final class Evaluations {
  /** How many of a rule's latest failures its status lists. */
  public static final int LAST_ERRORS = 10;

  private final EvaluationStore store;
  private final JudgeKeys keys;
  private final Clock clock;

  public Evaluations(EvaluationStore store, JudgeKeys keys, Clock clock) {
    this.store = requireNonNull(store, "store");
    this.keys = requireNonNull(keys, "keys");
    this.clock = requireNonNull(clock, "clock");
  }

  // ---- connections

  public synchronized JudgeConnection createConnection(String projectId, ObjectNode body) {
    String id = UUID.randomUUID().toString();
    String apiKey = apiKey(body, true);
    Instant now = clock.instant();
    JudgeConnection c =
        EvalJson.connection(projectId, id, body, "", JudgeConnection.display(apiKey), now, now);
    c = withKey(c, apiKey);
    unique(projectId, EvalConfig.Kind.CONNECTION, c.name(), id);
    store.putConfig(config(c));
    return c;
  }

  public synchronized Optional<JudgeConnection> updateConnection(
      String projectId, String id, ObjectNode patch) {
    return connection(projectId, id)
        .map(
            old -> {
              ObjectNode merged = EvalJson.connection(old).setAll(without(patch, "apiKey"));
              JudgeConnection c =
                  EvalJson.connection(
                      projectId,
                      id,
                      merged,
                      old.sealedKey(),
                      old.displayKey(),
                      old.createdAt(),
                      clock.instant());
              if (patch.has("apiKey")) {
                String apiKey = apiKey(patch, true);
                c = withKey(c, apiKey);
              }
              unique(projectId, EvalConfig.Kind.CONNECTION, c.name(), id);
              store.putConfig(config(c));
              return c;
            });
  }

  public Optional<JudgeConnection> connection(String projectId, String id) {
    return store.getConfig(projectId, EvalConfig.Kind.CONNECTION, id).map(Evaluations::connection);
  }

  public List<JudgeConnection> connections(String projectId) {
    return store.listConfigs(projectId, EvalConfig.Kind.CONNECTION).stream()
        .map(Evaluations::connection)
        .toList();
  }

  public boolean deleteConnection(String projectId, String id) {
    return store.deleteConfig(projectId, EvalConfig.Kind.CONNECTION, id);
  }

  /** The connection of that name, for a judge about to call it. */
  Optional<JudgeConnection> connectionNamed(String projectId, String name) {
    return connections(projectId).stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The connection's API key, opened. */
  String apiKey(JudgeConnection c) {
    return keys.open(c.owner(), c.sealedKey());
  }

  // ---- evaluators

  public synchronized Evaluator createEvaluator(String projectId, ObjectNode body) {
    Instant now = clock.instant();
    Evaluator e = EvalJson.evaluator(projectId, UUID.randomUUID().toString(), body, now, now);
    checkEvaluator(e);
    store.putConfig(config(e));
    return e;
  }

  public synchronized Optional<Evaluator> updateEvaluator(
      String projectId, String id, ObjectNode patch) {
    return evaluator(projectId, id)
        .map(
            old -> {
              ObjectNode merged = EvalJson.evaluator(old, 0).setAll(patch);
              Evaluator e =
                  EvalJson.evaluator(projectId, id, merged, old.createdAt(), clock.instant());
              checkEvaluator(e);
              store.putConfig(config(e));
              return e;
            });
  }

  public Optional<Evaluator> evaluator(String projectId, String id) {
    return store.getConfig(projectId, EvalConfig.Kind.EVALUATOR, id).map(Evaluations::evaluator);
  }

  public List<Evaluator> evaluators(String projectId) {
    return store.listConfigs(projectId, EvalConfig.Kind.EVALUATOR).stream()
        .map(Evaluations::evaluator)
        .toList();
  }

  /** How many of the project's rules use the evaluator. */
  public int ruleCount(String projectId, String evaluatorId) {
    return (int) rules(projectId).stream().filter(r -> r.evaluatorId().equals(evaluatorId)).count();
  }

  /**
   * Deletes an evaluator no rule uses; false when it was not there.
   *
   * @throws IllegalArgumentException when a rule still uses it
   */
  public synchronized boolean deleteEvaluator(String projectId, String id) {
    int used = ruleCount(projectId, id);
    if (used > 0)
      throw new IllegalArgumentException(
          "evaluator: " + used + " rule(s) use it; delete them first");
    return store.deleteConfig(projectId, EvalConfig.Kind.EVALUATOR, id);
  }

  // ---- rules

  public synchronized EvalRule createRule(String projectId, ObjectNode body) {
    Instant now = clock.instant();
    Evaluator evaluator = resolve(projectId, EvalJson.evaluatorRef(body));
    EvalRule r =
        EvalJson.rule(projectId, UUID.randomUUID().toString(), body, evaluator.id(), now, now);
    checkRule(r, evaluator);
    store.putConfig(config(r, evaluator));
    return r;
  }

  public synchronized Optional<EvalRule> updateRule(String projectId, String id, ObjectNode patch) {
    return rule(projectId, id)
        .map(
            old -> {
              Evaluator current = evaluator(projectId, old.evaluatorId()).orElse(null);
              ObjectNode merged = EvalJson.rule(old, current).setAll(patch);
              if (patch.has("evaluator") || patch.has("evaluatorId")) {
                merged.remove("evaluatorId");
                if (patch.has("evaluatorId"))
                  merged.putObject("evaluator").put("id", patch.get("evaluatorId").asText());
              }
              Evaluator evaluator = resolve(projectId, EvalJson.evaluatorRef(merged));
              EvalRule r =
                  EvalJson.rule(
                      projectId, id, merged, evaluator.id(), old.createdAt(), clock.instant());
              checkRule(r, evaluator);
              store.putConfig(config(r, evaluator));
              return r;
            });
  }

  public Optional<EvalRule> rule(String projectId, String id) {
    return store.getConfig(projectId, EvalConfig.Kind.RULE, id).map(Evaluations::rule);
  }

  public List<EvalRule> rules(String projectId) {
    return store.listConfigs(projectId, EvalConfig.Kind.RULE).stream()
        .map(Evaluations::rule)
        .toList();
  }

  /** Every project's rules, for the runner. */
  List<EvalRule> allRules() {
    return store.allConfigs(EvalConfig.Kind.RULE).stream().map(Evaluations::rule).toList();
  }

  /** Deletes a rule with its jobs and watermark (its scores stay); false when it was not there. */
  public synchronized boolean deleteRule(String projectId, String id) {
    boolean deleted = store.deleteConfig(projectId, EvalConfig.Kind.RULE, id);
    store.deleteJobs(projectId, id);
    return deleted;
  }

  /**
   * Runs a rule again from the start of its range: its jobs and watermark are dropped, so every
   * target is matched again; its scores are overwritten (their ids derive from rule and target),
   * never duplicated. Empty when there is no such rule.
   */
  public synchronized Optional<EvalRule> rerun(String projectId, String id) {
    return rule(projectId, id)
        .map(
            old -> {
              store.deleteJobs(projectId, id);
              // a new version: the runner starts the rule's scan again from its range's start
              Evaluator e = evaluator(projectId, old.evaluatorId()).orElse(null);
              EvalRule r =
                  EvalJson.rule(
                      projectId,
                      id,
                      EvalJson.rule(old, e),
                      old.evaluatorId(),
                      old.createdAt(),
                      clock.instant());
              store.putConfig(config(r, e));
              return r;
            });
  }

  /** What the rule has done; empty when there is no such rule. */
  public Optional<RuleStatus> status(String projectId, String id) {
    return rule(projectId, id)
        .map(
            r ->
                RuleStatus.of(
                    id,
                    store.countJobs(projectId, id),
                    store.latestJobs(projectId, id, EvalJob.State.FAILED, LAST_ERRORS),
                    store.watermark(projectId, id).orElse(null)));
  }

  // ---- checks and codecs

  private void checkEvaluator(Evaluator e) {
    unique(e.projectId(), EvalConfig.Kind.EVALUATOR, e.name(), e.id());
    if (e.type() == Evaluator.Type.LLM_AS_JUDGE
        && connectionNamed(e.projectId(), e.connection()).isEmpty()) {
      throw new IllegalArgumentException(
          "modelConfig.provider: no judge connection named '"
              + e.connection()
              + "' in this project");
    }
  }

  private void checkRule(EvalRule r, Evaluator evaluator) {
    unique(r.projectId(), EvalConfig.Kind.RULE, r.name(), r.id());
    List<String> variables = evaluator.variables();
    for (VariableMapping m : r.mapping()) {
      if (!variables.contains(m.variable()))
        throw new IllegalArgumentException(
            "mapping: '"
                + m.variable()
                + "' is not a variable of the evaluator ("
                + String.join(", ", variables)
                + ")");
    }
    for (String v : variables) {
      long n = r.mapping().stream().filter(m -> m.variable().equals(v)).count();
      if (n == 0)
        throw new IllegalArgumentException(
            "mapping: the evaluator's variable '" + v + "' is not mapped");
      if (n > 1) throw new IllegalArgumentException("mapping: '" + v + "' is mapped twice");
    }
  }

  private Evaluator resolve(String projectId, EvalJson.Ref ref) {
    if (ref.id() != null) {
      return evaluator(projectId, ref.id())
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "evaluator: no evaluator '" + ref.id() + "' in this project"));
    }
    return evaluators(projectId).stream()
        .filter(e -> e.name().equals(ref.name()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "evaluator: no evaluator named '" + ref.name() + "' in this project"));
  }

  private void unique(String projectId, EvalConfig.Kind kind, String name, String id) {
    for (EvalConfig c : store.listConfigs(projectId, kind)) {
      if (c.name().equals(name) && !c.id().equals(id))
        throw new IllegalArgumentException(
            "name: '"
                + name
                + "' is taken by another "
                + kind.name().toLowerCase(java.util.Locale.ROOT)
                + " of this project");
    }
  }

  private JudgeConnection withKey(JudgeConnection c, String apiKey) {
    return new JudgeConnection(
        c.projectId(),
        c.id(),
        c.name(),
        c.baseUrl(),
        c.model(),
        keys.seal(c.owner(), apiKey),
        JudgeConnection.display(apiKey),
        c.timeout(),
        c.structuredOutput(),
        c.createdAt(),
        c.updatedAt());
  }

  private static String apiKey(JsonNode body, boolean required) {
    JsonNode v = body.get("apiKey");
    if (v == null || v.isNull() || v.asText().isBlank()) {
      if (required) throw new IllegalArgumentException("apiKey: is required");
      return "";
    }
    if (!v.isTextual()) throw new IllegalArgumentException("apiKey: must be a string");
    return v.asText();
  }

  private static ObjectNode without(ObjectNode o, String field) {
    ObjectNode copy = o.deepCopy();
    copy.remove(field);
    return copy;
  }

  private static EvalConfig config(JudgeConnection c) {
    return new EvalConfig(
        c.projectId(),
        EvalConfig.Kind.CONNECTION,
        c.id(),
        c.name(),
        EvalJson.connectionBody(c),
        c.createdAt(),
        c.updatedAt());
  }

  private static EvalConfig config(Evaluator e) {
    return new EvalConfig(
        e.projectId(),
        EvalConfig.Kind.EVALUATOR,
        e.id(),
        e.name(),
        EvalJson.evaluator(e, 0).toString(),
        e.createdAt(),
        e.updatedAt());
  }

  private static EvalConfig config(EvalRule r, Evaluator e) {
    return new EvalConfig(
        r.projectId(),
        EvalConfig.Kind.RULE,
        r.id(),
        r.name(),
        EvalJson.rule(r, e).toString(),
        r.createdAt(),
        r.updatedAt());
  }

  private static JudgeConnection connection(EvalConfig c) {
    JsonNode o = EvalJson.object(c.body());
    return EvalJson.connection(
        c.projectId(),
        c.id(),
        o,
        o.path("sealedKey").asText(),
        o.path("displayKey").asText(),
        c.createdAt(),
        c.updatedAt());
  }

  private static Evaluator evaluator(EvalConfig c) {
    return EvalJson.evaluator(
        c.projectId(), c.id(), EvalJson.object(c.body()), c.createdAt(), c.updatedAt());
  }

  private static EvalRule rule(EvalConfig c) {
    JsonNode o = EvalJson.object(c.body());
    return EvalJson.rule(
        c.projectId(),
        c.id(),
        o,
        o.path("evaluator").path("id").asText(),
        c.createdAt(),
        c.updatedAt());
  }

  @Override
  public String toString() {
    return "Evaluations{" + store + "}";
  }
}
