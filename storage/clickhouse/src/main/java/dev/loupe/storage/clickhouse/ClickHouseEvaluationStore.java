package dev.loupe.storage.clickhouse;

import static java.util.Objects.requireNonNull;

import dev.loupe.storage.EvalConfig;
import dev.loupe.storage.EvalJob;
import dev.loupe.storage.EvaluationStore;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The evaluation tables (schema 110): configs by (project, kind, id) ({@link EvalConfigs}), one job
 * per (project, rule, target) whose state changes are new versions of its row ({@link EvalRows},
 * read by {@link EvalJobQueries} within one rule's part of the sorting key), and one watermark per
 * rule. Reads use FINAL; deletes insert tombstones.
 */
final class ClickHouseEvaluationStore implements EvaluationStore {
  private final Replacing rows;
  private final EvalConfigs configs;
  private final EvalJobQueries jobs;

  ClickHouseEvaluationStore(Replacing rows) {
    this.rows = rows;
    this.configs = new EvalConfigs(rows);
    this.jobs = new EvalJobQueries(rows);
  }

  @Override
  public void putConfig(EvalConfig c) {
    configs.put(c);
  }

  @Override
  public Optional<EvalConfig> getConfig(String projectId, EvalConfig.Kind kind, String id) {
    return configs.get(projectId, kind, id);
  }

  @Override
  public List<EvalConfig> listConfigs(String projectId, EvalConfig.Kind kind) {
    return configs.list(projectId, kind);
  }

  @Override
  public List<EvalConfig> allConfigs(EvalConfig.Kind kind) {
    return configs.all(kind);
  }

  @Override
  public boolean deleteConfig(String projectId, EvalConfig.Kind kind, String id) {
    return configs.delete(projectId, kind, id);
  }

  @Override
  public void putJobs(List<EvalJob> list) {
    requireNonNull(list, "jobs").forEach(j -> requireNonNull(j, "job"));
    if (list.isEmpty()) return;
    Set<String> projects = new LinkedHashSet<>(), rules = new LinkedHashSet<>();
    Set<String> targets = new LinkedHashSet<>();
    for (EvalJob j : list) {
      projects.add(j.projectId());
      rules.add(j.ruleId());
      targets.add(j.targetId());
    }
    // every stored version of these keys (and maybe a few more): the batch goes past them all
    Params p = new Params();
    String keys =
        "project_id IN "
            + p.strings(projects)
            + " AND rule_id IN "
            + p.strings(rules)
            + " AND target_id IN "
            + p.strings(targets);
    long floor = rows.versionAfter("eval_jobs", keys, p);
    RowBinaryOut out = new RowBinaryOut();
    // each row a higher version than the one before: the later of two same keys wins
    for (EvalJob j : list) EvalRows.writeJob(out, j, rows.versionAfterStored(floor));
    rows.sql().insert("eval_jobs", EvalRows.JOB_INSERT, out);
  }

  @Override
  public Optional<EvalJob> getJob(String projectId, String ruleId, String targetId) {
    return jobs.get(projectId, ruleId, targetId);
  }

  @Override
  public Set<String> jobTargets(String projectId, String ruleId, Collection<String> targetIds) {
    return jobs.targets(projectId, ruleId, targetIds);
  }

  @Override
  public List<EvalJob> dueJobs(String projectId, String ruleId, Instant now, int limit) {
    return jobs.due(projectId, ruleId, now, limit);
  }

  @Override
  public List<EvalJob.Count> countJobs(String projectId, String ruleId) {
    return jobs.count(projectId, ruleId);
  }

  @Override
  public List<EvalJob> latestJobs(String projectId, String ruleId, EvalJob.State state, int limit) {
    return jobs.latest(projectId, ruleId, state, limit);
  }

  @Override
  public long attemptsSince(String projectId, String ruleId, Instant since) {
    return jobs.attemptsSince(projectId, ruleId, since);
  }

  @Override
  public int deleteJobs(String projectId, String ruleId) {
    Params p = new Params();
    String rule = EvalJobQueries.rule(p, projectId, ruleId);
    int deleted = rows.delete("eval_jobs", rule, p);
    rows.delete("eval_watermarks", rule, p);
    return deleted;
  }

  @Override
  public Optional<Instant> watermark(String projectId, String ruleId) {
    return new EvalWatermarks(rows).get(projectId, ruleId);
  }

  @Override
  public void putWatermark(String projectId, String ruleId, Instant watermark) {
    new EvalWatermarks(rows).put(projectId, ruleId, watermark);
  }

  @Override
  public String toString() {
    return "ClickHouseEvaluationStore{}";
  }
}
