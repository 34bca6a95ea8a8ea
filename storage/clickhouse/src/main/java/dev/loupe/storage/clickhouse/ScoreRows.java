package dev.loupe.storage.clickhouse;

import dev.loupe.model.Score;
import dev.loupe.model.ScoreDataType;
import dev.loupe.model.ScoreSource;
import dev.loupe.model.ScoreTarget;
import dev.loupe.model.Times;
import java.util.List;

/**
 * A {@link Score} as a row of {@code scores} (schema 100): the columns an insert writes, the ones a
 * read selects (with table alias {@code s}), and the conversions both ways.
 */
final class ScoreRows {
  static final List<String> INSERT_COLUMNS =
      List.of(
          "project_id",
          "id",
          "name",
          "data_type",
          "value",
          "string_value",
          "source",
          "trace_id",
          "observation_id",
          "session_id",
          "dataset_run_id",
          "timestamp",
          "comment",
          "metadata",
          "config_id",
          "queue_id",
          "author_user_id",
          "environment",
          "created_at",
          "updated_at",
          "row_version",
          "is_deleted");

  /** What {@link #read} reads, in order. */
  static final String SELECT =
      "s.project_id, s.id, s.name, s.data_type, s.value, s.string_value, s.source, s.trace_id,"
          + " s.observation_id, s.session_id, s.dataset_run_id, s.timestamp, s.comment, s.metadata,"
          + " s.config_id, s.queue_id, s.author_user_id, s.environment, s.created_at, s.updated_at";

  private ScoreRows() {}

  static void write(RowBinaryOut out, Score s, long version) {
    ScoreTarget t = s.target();
    out.string(s.projectId());
    out.string(s.id());
    out.string(s.name());
    out.string(s.dataType().name());
    Doubles.writeNullable(out, s.value());
    out.nullableString(s.stringValue());
    out.string(s.source().name());
    out.nullableString(t.traceId());
    out.nullableString(t.observationId());
    out.nullableString(t.sessionId());
    out.nullableString(t.datasetRunId());
    out.int64(Times.toEpochMicros(s.timestamp()));
    out.nullableString(s.comment());
    out.nullableString(s.metadata());
    out.nullableString(s.configId());
    out.nullableString(s.queueId());
    out.nullableString(s.authorUserId());
    out.string(s.environment());
    out.int64(Times.toEpochMicros(s.createdAt()));
    out.int64(Times.toEpochMicros(s.updatedAt()));
    out.int64(version);
    out.uint8(0);
    out.endRow();
  }

  static Score read(RowBinaryIn in) {
    String projectId = in.string(), id = in.string(), name = in.string();
    ScoreDataType type = ScoreDataType.valueOf(in.string());
    Double value = Doubles.readNullable(in);
    String stringValue = in.nullableString();
    ScoreSource source = ScoreSource.valueOf(in.string());
    ScoreTarget target =
        new ScoreTarget(
            in.nullableString(), in.nullableString(), in.nullableString(), in.nullableString());
    return new Score(
        projectId,
        id,
        name,
        type,
        value,
        stringValue,
        source,
        target,
        Times.fromEpochMicros(in.int64()),
        in.nullableString(),
        in.nullableString(),
        in.nullableString(),
        in.nullableString(),
        in.nullableString(),
        in.string(),
        Times.fromEpochMicros(in.int64()),
        Times.fromEpochMicros(in.int64()));
  }
}
