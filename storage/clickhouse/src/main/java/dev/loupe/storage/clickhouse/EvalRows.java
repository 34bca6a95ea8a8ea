package dev.loupe.storage.clickhouse;

import dev.loupe.model.Times;
import dev.loupe.storage.EvalConfig;
import dev.loupe.storage.EvalJob;
import java.util.List;

/**
 * Evaluation configs and jobs as rows of {@code eval_configs} and {@code eval_jobs} (schema 110):
 * the columns an insert writes, the ones a read selects, and the conversions both ways.
 */
final class EvalRows {
  static final List<String> CONFIG_INSERT =
      List.of(
          "project_id",
          "kind",
          "id",
          "name",
          "body",
          "created_at",
          "updated_at",
          "row_version",
          "is_deleted");
  static final String CONFIG_SELECT = "project_id, kind, id, name, body, created_at, updated_at";

  static final List<String> JOB_INSERT =
      List.of(
          "project_id",
          "rule_id",
          "target_id",
          "trace_id",
          "state",
          "reason",
          "attempts",
          "next_attempt_at",
          "error",
          "score_id",
          "created_at",
          "updated_at",
          "row_version",
          "is_deleted");
  static final String JOB_SELECT =
      "project_id, rule_id, target_id, trace_id, state, reason, attempts, next_attempt_at, error,"
          + " score_id, created_at, updated_at";

  private EvalRows() {}

  static void writeConfig(RowBinaryOut out, EvalConfig c, long version) {
    out.string(c.projectId());
    out.string(c.kind().name());
    out.string(c.id());
    out.string(c.name());
    out.string(c.body());
    out.int64(Times.toEpochMicros(c.createdAt()));
    out.int64(Times.toEpochMicros(c.updatedAt()));
    out.int64(version);
    out.uint8(0);
    out.endRow();
  }

  static EvalConfig readConfig(RowBinaryIn in) {
    return new EvalConfig(
        in.string(),
        EvalConfig.Kind.valueOf(in.string()),
        in.string(),
        in.string(),
        in.string(),
        Times.fromEpochMicros(in.int64()),
        Times.fromEpochMicros(in.int64()));
  }

  static void writeJob(RowBinaryOut out, EvalJob j, long version) {
    out.string(j.projectId());
    out.string(j.ruleId());
    out.string(j.targetId());
    out.string(j.traceId());
    out.string(j.state().name());
    out.nullableString(j.reason());
    out.int32(j.attempts());
    out.int64(Times.toEpochMicros(j.nextAttemptAt()));
    out.nullableString(j.error());
    out.nullableString(j.scoreId());
    out.int64(Times.toEpochMicros(j.createdAt()));
    out.int64(Times.toEpochMicros(j.updatedAt()));
    out.int64(version);
    out.uint8(0);
    out.endRow();
  }

  static EvalJob readJob(RowBinaryIn in) {
    return new EvalJob(
        in.string(),
        in.string(),
        in.string(),
        in.string(),
        EvalJob.State.valueOf(in.string()),
        in.nullableString(),
        in.int32(),
        Times.fromEpochMicros(in.int64()),
        in.nullableString(),
        in.nullableString(),
        Times.fromEpochMicros(in.int64()),
        Times.fromEpochMicros(in.int64()));
  }
}
