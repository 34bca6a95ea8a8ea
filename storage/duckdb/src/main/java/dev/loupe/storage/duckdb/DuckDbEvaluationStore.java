package dev.loupe.storage.duckdb;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Times;
import dev.loupe.storage.EvalConfig;
import dev.loupe.storage.EvalJob;
import dev.loupe.storage.EvaluationStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The evaluation tables ({@link SchemaV7}): small writes replaced row by row in short transactions
 * on a read connection, committed (so durable) before returning. Writes take turns, so two runner
 * threads finishing jobs of one rule never conflict.
 */
final class DuckDbEvaluationStore implements EvaluationStore {
  private static final String CONFIG_COLUMNS =
      "project_id, kind, id, name, body, epoch_us(created_at), epoch_us(updated_at)";
  private static final String JOB_COLUMNS =
      "project_id, rule_id, target_id, trace_id, state, reason, attempts,"
          + " epoch_us(next_attempt_at), error, score_id, epoch_us(created_at), epoch_us(updated_at)";
  private static final String JOB_KEY = "project_id = ? AND rule_id = ?";

  private final ReadPool pool;
  private final ReentrantLock writes = new ReentrantLock();

  DuckDbEvaluationStore(ReadPool pool) {
    this.pool = pool;
  }

  @Override
  public void putConfig(EvalConfig c) {
    requireNonNull(c, "config");
    write(
        "putConfig",
        s -> {
          PreparedStatement delete =
              s.statement("DELETE FROM eval_configs WHERE project_id = ? AND kind = ? AND id = ?");
          delete.setString(1, c.projectId());
          delete.setString(2, c.kind().name());
          delete.setString(3, c.id());
          delete.executeUpdate();
          PreparedStatement insert =
              s.statement(
                  "INSERT INTO eval_configs VALUES (?, ?, ?, ?, make_timestamp(?::BIGINT),"
                      + " make_timestamp(?::BIGINT), ?)");
          insert.setString(1, c.projectId());
          insert.setString(2, c.kind().name());
          insert.setString(3, c.id());
          insert.setString(4, c.name());
          insert.setLong(5, Times.toEpochMicros(c.createdAt()));
          insert.setLong(6, Times.toEpochMicros(c.updatedAt()));
          insert.setString(7, c.body());
          insert.executeUpdate();
        });
  }

  @Override
  public Optional<EvalConfig> getConfig(String projectId, EvalConfig.Kind kind, String id) {
    requireNonNull(projectId, "projectId");
    requireNonNull(kind, "kind");
    requireNonNull(id, "id");
    return pool.read(
        "getConfig",
        s -> {
          PreparedStatement ps =
              s.statement(
                  "SELECT "
                      + CONFIG_COLUMNS
                      + " FROM eval_configs WHERE project_id = ? AND kind = ? AND id = ?");
          ps.setString(1, projectId);
          ps.setString(2, kind.name());
          ps.setString(3, id);
          return configs(ps).stream().findFirst();
        });
  }

  @Override
  public List<EvalConfig> listConfigs(String projectId, EvalConfig.Kind kind) {
    requireNonNull(projectId, "projectId");
    requireNonNull(kind, "kind");
    return pool.read(
        "listConfigs",
        s -> {
          PreparedStatement ps =
              s.statement(
                  "SELECT "
                      + CONFIG_COLUMNS
                      + " FROM eval_configs WHERE project_id = ? AND kind = ?"
                      + " ORDER BY created_at DESC, id DESC");
          ps.setString(1, projectId);
          ps.setString(2, kind.name());
          return configs(ps);
        });
  }

  @Override
  public List<EvalConfig> allConfigs(EvalConfig.Kind kind) {
    requireNonNull(kind, "kind");
    return pool.read(
        "allConfigs",
        s -> {
          PreparedStatement ps =
              s.statement(
                  "SELECT "
                      + CONFIG_COLUMNS
                      + " FROM eval_configs WHERE kind = ? ORDER BY project_id, created_at, id");
          ps.setString(1, kind.name());
          return configs(ps);
        });
  }

  @Override
  public boolean deleteConfig(String projectId, EvalConfig.Kind kind, String id) {
    requireNonNull(projectId, "projectId");
    requireNonNull(kind, "kind");
    requireNonNull(id, "id");
    int[] deleted = new int[1];
    write(
        "deleteConfig",
        s -> {
          PreparedStatement ps =
              s.statement("DELETE FROM eval_configs WHERE project_id = ? AND kind = ? AND id = ?");
          ps.setString(1, projectId);
          ps.setString(2, kind.name());
          ps.setString(3, id);
          deleted[0] = ps.executeUpdate();
        });
    return deleted[0] > 0;
  }

  @Override
  public void putJobs(List<EvalJob> jobs) {
    requireNonNull(jobs, "jobs").forEach(j -> requireNonNull(j, "job"));
    if (jobs.isEmpty()) return;
    write(
        "putJobs",
        s -> {
          PreparedStatement delete =
              s.statement("DELETE FROM eval_jobs WHERE " + JOB_KEY + " AND target_id = ?");
          PreparedStatement insert =
              s.statement(
                  "INSERT INTO eval_jobs VALUES (?, ?, ?, ?, ?, ?, ?, make_timestamp(?::BIGINT),"
                      + " ?, ?, make_timestamp(?::BIGINT), make_timestamp(?::BIGINT))");
          for (EvalJob j : jobs) {
            delete.setString(1, j.projectId());
            delete.setString(2, j.ruleId());
            delete.setString(3, j.targetId());
            delete.executeUpdate();
            insert.setString(1, j.projectId());
            insert.setString(2, j.ruleId());
            insert.setString(3, j.targetId());
            insert.setString(4, j.traceId());
            insert.setString(5, j.state().name());
            setText(insert, 6, j.reason());
            insert.setInt(7, j.attempts());
            insert.setLong(8, Times.toEpochMicros(j.nextAttemptAt()));
            setText(insert, 9, j.error());
            setText(insert, 10, j.scoreId());
            insert.setLong(11, Times.toEpochMicros(j.createdAt()));
            insert.setLong(12, Times.toEpochMicros(j.updatedAt()));
            insert.executeUpdate();
          }
        });
  }

  @Override
  public Optional<EvalJob> getJob(String projectId, String ruleId, String targetId) {
    requireNonNull(targetId, "targetId");
    return pool.read(
        "getJob",
        s -> {
          PreparedStatement ps =
              s.statement(
                  "SELECT "
                      + JOB_COLUMNS
                      + " FROM eval_jobs WHERE "
                      + JOB_KEY
                      + " AND target_id = ?");
          key(ps, projectId, ruleId);
          ps.setString(3, targetId);
          return jobs(ps).stream().findFirst();
        });
  }

  @Override
  public Set<String> jobTargets(String projectId, String ruleId, Collection<String> targetIds) {
    Set<String> wanted = Set.copyOf(requireNonNull(targetIds, "targetIds"));
    if (wanted.isEmpty()) return Set.of();
    return pool.read(
        "jobTargets",
        s -> {
          StringBuilder in = new StringBuilder();
          for (int i = 0; i < wanted.size(); i++) in.append(i == 0 ? "?" : ", ?");
          try (PreparedStatement ps =
              s.connection()
                  .prepareStatement(
                      "SELECT target_id FROM eval_jobs WHERE "
                          + JOB_KEY
                          + " AND target_id IN ("
                          + in
                          + ")")) {
            key(ps, projectId, ruleId);
            int i = 3;
            for (String t : wanted) ps.setString(i++, t);
            Set<String> out = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) out.add(rs.getString(1));
            }
            return out;
          }
        });
  }

  @Override
  public List<EvalJob> dueJobs(String projectId, String ruleId, Instant now, int limit) {
    requireNonNull(now, "now");
    return pool.read(
        "dueJobs",
        s -> {
          PreparedStatement ps =
              s.statement(
                  "SELECT "
                      + JOB_COLUMNS
                      + " FROM eval_jobs WHERE "
                      + JOB_KEY
                      + " AND state = 'QUEUED' AND next_attempt_at <= make_timestamp(?::BIGINT)"
                      + " ORDER BY next_attempt_at, target_id LIMIT ?");
          key(ps, projectId, ruleId);
          ps.setLong(3, Times.toEpochMicros(now));
          ps.setInt(4, limit);
          return jobs(ps);
        });
  }

  @Override
  public List<EvalJob.Count> countJobs(String projectId, String ruleId) {
    return pool.read(
        "countJobs",
        s -> {
          PreparedStatement ps =
              s.statement(
                  "SELECT state, reason, count(*) FROM eval_jobs WHERE "
                      + JOB_KEY
                      + " GROUP BY state, reason ORDER BY state, reason");
          key(ps, projectId, ruleId);
          List<EvalJob.Count> out = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(
                  new EvalJob.Count(
                      EvalJob.State.valueOf(rs.getString(1)), rs.getString(2), rs.getLong(3)));
            }
          }
          return out;
        });
  }

  @Override
  public List<EvalJob> latestJobs(String projectId, String ruleId, EvalJob.State state, int limit) {
    requireNonNull(state, "state");
    return pool.read(
        "latestJobs",
        s -> {
          PreparedStatement ps =
              s.statement(
                  "SELECT "
                      + JOB_COLUMNS
                      + " FROM eval_jobs WHERE "
                      + JOB_KEY
                      + " AND state = ? ORDER BY updated_at DESC, target_id DESC LIMIT ?");
          key(ps, projectId, ruleId);
          ps.setString(3, state.name());
          ps.setInt(4, limit);
          return jobs(ps);
        });
  }

  @Override
  public long attemptsSince(String projectId, String ruleId, Instant since) {
    requireNonNull(since, "since");
    return pool.read(
        "attemptsSince",
        s -> {
          PreparedStatement ps =
              s.statement(
                  "SELECT coalesce(sum(attempts), 0) FROM eval_jobs WHERE "
                      + JOB_KEY
                      + " AND updated_at >= make_timestamp(?::BIGINT)");
          key(ps, projectId, ruleId);
          ps.setLong(3, Times.toEpochMicros(since));
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Override
  public int deleteJobs(String projectId, String ruleId) {
    int[] deleted = new int[1];
    write(
        "deleteJobs",
        s -> {
          PreparedStatement jobs = s.statement("DELETE FROM eval_jobs WHERE " + JOB_KEY);
          key(jobs, projectId, ruleId);
          deleted[0] = jobs.executeUpdate();
          PreparedStatement mark = s.statement("DELETE FROM eval_watermarks WHERE " + JOB_KEY);
          key(mark, projectId, ruleId);
          mark.executeUpdate();
        });
    return deleted[0];
  }

  @Override
  public Optional<Instant> watermark(String projectId, String ruleId) {
    return pool.read(
        "watermark",
        s -> {
          PreparedStatement ps =
              s.statement("SELECT epoch_us(watermark) FROM eval_watermarks WHERE " + JOB_KEY);
          key(ps, projectId, ruleId);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next()
                ? Optional.of(Times.fromEpochMicros(rs.getLong(1)))
                : Optional.<Instant>empty();
          }
        });
  }

  @Override
  public void putWatermark(String projectId, String ruleId, Instant watermark) {
    requireNonNull(watermark, "watermark");
    write(
        "putWatermark",
        s -> {
          PreparedStatement delete = s.statement("DELETE FROM eval_watermarks WHERE " + JOB_KEY);
          key(delete, projectId, ruleId);
          delete.executeUpdate();
          PreparedStatement insert =
              s.statement("INSERT INTO eval_watermarks VALUES (?, ?, make_timestamp(?::BIGINT))");
          key(insert, projectId, ruleId);
          insert.setLong(3, Times.toEpochMicros(watermark));
          insert.executeUpdate();
        });
  }

  private interface Work {
    void run(Session s) throws SQLException;
  }

  private void write(String what, Work work) {
    writes.lock();
    try {
      pool.read(what, s -> DuckDbProjectStore.inTransaction(s, () -> work.run(s)));
    } finally {
      writes.unlock();
    }
  }

  private static void key(PreparedStatement ps, String projectId, String ruleId)
      throws SQLException {
    ps.setString(1, requireNonNull(projectId, "projectId"));
    ps.setString(2, requireNonNull(ruleId, "ruleId"));
  }

  private static void setText(PreparedStatement ps, int i, String v) throws SQLException {
    if (v == null) ps.setNull(i, Types.VARCHAR);
    else ps.setString(i, v);
  }

  private static List<EvalConfig> configs(PreparedStatement ps) throws SQLException {
    List<EvalConfig> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new EvalConfig(
                rs.getString(1),
                EvalConfig.Kind.valueOf(rs.getString(2)),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                Times.fromEpochMicros(rs.getLong(6)),
                Times.fromEpochMicros(rs.getLong(7))));
      }
    }
    return out;
  }

  private static List<EvalJob> jobs(PreparedStatement ps) throws SQLException {
    List<EvalJob> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new EvalJob(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                EvalJob.State.valueOf(rs.getString(5)),
                rs.getString(6),
                rs.getInt(7),
                Times.fromEpochMicros(rs.getLong(8)),
                rs.getString(9),
                rs.getString(10),
                Times.fromEpochMicros(rs.getLong(11)),
                Times.fromEpochMicros(rs.getLong(12))));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "DuckDbEvaluationStore{}";
  }
}
