package dev.loupe.storage.clickhouse;

import static java.util.Objects.requireNonNull;

import dev.loupe.storage.EvalJob;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The reads of one rule's jobs in {@code eval_jobs} (live rows, FINAL). */
final class EvalJobQueries {
  private final Replacing rows;

  EvalJobQueries(Replacing rows) {
    this.rows = rows;
  }

  /** {@code project_id = .. AND rule_id = ..}: the prefix of the sorting key. */
  static String rule(Params p, String projectId, String ruleId) {
    requireNonNull(projectId, "projectId");
    requireNonNull(ruleId, "ruleId");
    return "project_id = " + p.string(projectId) + " AND rule_id = " + p.string(ruleId);
  }

  Optional<EvalJob> get(String projectId, String ruleId, String targetId) {
    requireNonNull(targetId, "targetId");
    Params p = new Params();
    return jobs(rule(p, projectId, ruleId) + " AND target_id = " + p.string(targetId), p).stream()
        .findFirst();
  }

  Set<String> targets(String projectId, String ruleId, Collection<String> targetIds) {
    List<String> ids = List.copyOf(requireNonNull(targetIds, "targetIds"));
    Params p = new Params();
    String where = rule(p, projectId, ruleId);
    if (ids.isEmpty()) return Set.of();
    return new TreeSet<>(
        rows.sql()
            .query(
                "SELECT target_id FROM eval_jobs FINAL WHERE "
                    + where
                    + " AND target_id IN "
                    + p.strings(ids),
                p.map(),
                RowBinaryIn::string));
  }

  List<EvalJob> due(String projectId, String ruleId, Instant now, int limit) {
    requireNonNull(now, "now");
    Params p = new Params();
    return jobs(
        rule(p, projectId, ruleId)
            + " AND state = 'QUEUED' AND next_attempt_at <= "
            + p.micros(now)
            + " ORDER BY next_attempt_at, target_id LIMIT "
            + p.int64(Math.max(0, limit)),
        p);
  }

  List<EvalJob.Count> count(String projectId, String ruleId) {
    Params p = new Params();
    return rows.sql()
        .query(
            "SELECT state, reason, toInt64(count()) FROM eval_jobs FINAL WHERE "
                + rule(p, projectId, ruleId)
                + " GROUP BY state, reason ORDER BY state, reason",
            p.map(),
            r ->
                new EvalJob.Count(
                    EvalJob.State.valueOf(r.string()), r.nullableString(), r.int64()));
  }

  List<EvalJob> latest(String projectId, String ruleId, EvalJob.State state, int limit) {
    requireNonNull(state, "state");
    Params p = new Params();
    return jobs(
        rule(p, projectId, ruleId)
            + " AND state = "
            + p.string(state.name())
            + " ORDER BY updated_at DESC, target_id DESC LIMIT "
            + p.int64(Math.max(0, limit)),
        p);
  }

  long attemptsSince(String projectId, String ruleId, Instant since) {
    requireNonNull(since, "since");
    Params p = new Params();
    return rows.sql()
        .queryLong(
            "SELECT toInt64(sum(attempts)) FROM eval_jobs FINAL WHERE "
                + rule(p, projectId, ruleId)
                + " AND updated_at >= "
                + p.micros(since),
            p.map());
  }

  private List<EvalJob> jobs(String whereAndOrder, Params p) {
    return rows.sql()
        .query(
            "SELECT " + EvalRows.JOB_SELECT + " FROM eval_jobs FINAL WHERE " + whereAndOrder,
            p.map(),
            EvalRows::readJob);
  }
}
