package dev.loupe.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Evaluation configs, jobs and watermarks of {@link InMemoryStorage}, behind one lock. */
final class InMemoryEvaluationStore implements EvaluationStore {
  private static final Comparator<EvalConfig> OLDEST_FIRST =
      Comparator.comparing(EvalConfig::createdAt).thenComparing(EvalConfig::id, InMemoryOrder.TEXT);

  private final Map<ConfigKey, EvalConfig> configs = new HashMap<>();
  private final Map<RuleKey, Map<String, EvalJob>> jobs = new HashMap<>();
  private final Map<RuleKey, Instant> watermarks = new HashMap<>();

  @Override
  public synchronized void putConfig(EvalConfig config) {
    requireNonNull(config, "config");
    configs.put(new ConfigKey(config.projectId(), config.kind(), config.id()), config);
  }

  @Override
  public synchronized Optional<EvalConfig> getConfig(
      String projectId, EvalConfig.Kind kind, String id) {
    return Optional.ofNullable(configs.get(new ConfigKey(projectId, kind, id)));
  }

  @Override
  public synchronized List<EvalConfig> listConfigs(String projectId, EvalConfig.Kind kind) {
    requireNonNull(projectId, "projectId");
    return configs.values().stream()
        .filter(c -> c.projectId().equals(projectId) && c.kind() == kind)
        .sorted(OLDEST_FIRST.reversed())
        .toList();
  }

  @Override
  public synchronized List<EvalConfig> allConfigs(EvalConfig.Kind kind) {
    return configs.values().stream()
        .filter(c -> c.kind() == kind)
        .sorted(
            Comparator.comparing(EvalConfig::projectId, InMemoryOrder.TEXT)
                .thenComparing(OLDEST_FIRST))
        .toList();
  }

  @Override
  public synchronized boolean deleteConfig(String projectId, EvalConfig.Kind kind, String id) {
    return configs.remove(new ConfigKey(projectId, kind, id)) != null;
  }

  @Override
  public synchronized void putJobs(List<EvalJob> list) {
    requireNonNull(list, "jobs").forEach(j -> requireNonNull(j, "job"));
    for (EvalJob j : list) {
      jobs.computeIfAbsent(new RuleKey(j.projectId(), j.ruleId()), k -> new TreeMap<>())
          .put(j.targetId(), j);
    }
  }

  @Override
  public synchronized Optional<EvalJob> getJob(String projectId, String ruleId, String targetId) {
    return Optional.ofNullable(rule(projectId, ruleId).get(requireNonNull(targetId, "targetId")));
  }

  @Override
  public synchronized Set<String> jobTargets(
      String projectId, String ruleId, Collection<String> targetIds) {
    Map<String, EvalJob> rule = rule(projectId, ruleId);
    Set<String> out = new HashSet<>();
    for (String t : targetIds) if (rule.containsKey(t)) out.add(t);
    return out;
  }

  @Override
  public synchronized List<EvalJob> dueJobs(
      String projectId, String ruleId, Instant now, int limit) {
    return rule(projectId, ruleId).values().stream()
        .filter(j -> j.state() == EvalJob.State.QUEUED && !j.nextAttemptAt().isAfter(now))
        .sorted(
            Comparator.comparing(EvalJob::nextAttemptAt)
                .thenComparing(EvalJob::targetId, InMemoryOrder.TEXT))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<EvalJob.Count> countJobs(String projectId, String ruleId) {
    Map<List<Object>, long[]> counts = new LinkedHashMap<>();
    for (EvalJob j : rule(projectId, ruleId).values()) {
      counts.computeIfAbsent(java.util.Arrays.asList(j.state(), j.reason()), k -> new long[1])[0]++;
    }
    List<EvalJob.Count> out = new ArrayList<>();
    counts.forEach(
        (k, n) -> out.add(new EvalJob.Count((EvalJob.State) k.get(0), (String) k.get(1), n[0])));
    return out;
  }

  @Override
  public synchronized List<EvalJob> latestJobs(
      String projectId, String ruleId, EvalJob.State state, int limit) {
    return rule(projectId, ruleId).values().stream()
        .filter(j -> j.state() == state)
        .sorted(
            Comparator.comparing(EvalJob::updatedAt)
                .thenComparing(EvalJob::targetId, InMemoryOrder.TEXT)
                .reversed())
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized long attemptsSince(String projectId, String ruleId, Instant since) {
    return rule(projectId, ruleId).values().stream()
        .filter(j -> !j.updatedAt().isBefore(since))
        .mapToLong(EvalJob::attempts)
        .sum();
  }

  @Override
  public synchronized int deleteJobs(String projectId, String ruleId) {
    RuleKey key = new RuleKey(projectId, ruleId);
    watermarks.remove(key);
    Map<String, EvalJob> gone = jobs.remove(key);
    return gone == null ? 0 : gone.size();
  }

  @Override
  public synchronized Optional<Instant> watermark(String projectId, String ruleId) {
    return Optional.ofNullable(watermarks.get(new RuleKey(projectId, ruleId)));
  }

  @Override
  public synchronized void putWatermark(String projectId, String ruleId, Instant watermark) {
    watermarks.put(
        new RuleKey(projectId, ruleId),
        dev.loupe.model.Times.micros(requireNonNull(watermark, "watermark")));
  }

  private Map<String, EvalJob> rule(String projectId, String ruleId) {
    return jobs.getOrDefault(
        new RuleKey(requireNonNull(projectId, "projectId"), requireNonNull(ruleId, "ruleId")),
        Map.of());
  }

  private record ConfigKey(String projectId, EvalConfig.Kind kind, String id) {
    ConfigKey {
      Objects.requireNonNull(projectId, "projectId");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(id, "id");
    }
  }

  private record RuleKey(String projectId, String ruleId) {}

  @Override
  public String toString() {
    return "InMemoryEvaluationStore{}";
  }
}
