package dev.loupe.storage.clickhouse;

import dev.loupe.model.Times;
import dev.loupe.model.Trace;
import java.util.List;

/** The {@code traces} table's columns: a {@link Trace} written as RowBinary and read back. */
final class TraceRows {
  static final List<String> COLUMNS =
      List.of(
          "project_id",
          "id",
          "timestamp",
          "day",
          "name",
          "user_id",
          "session_id",
          "tags",
          "input",
          "output",
          "metadata",
          "environment",
          "release",
          "version",
          "public",
          "row_version",
          "is_deleted");

  /** The columns {@link #read} reads, in order (the trace, without version and tombstone). */
  static final String SELECT =
      "project_id, id, timestamp, name, user_id, session_id, tags, input, output, metadata,"
          + " environment, release, version, public";

  /** The same with a table alias, as {@code t.project_id, ...}. */
  static String select(String alias) {
    return alias + "." + SELECT.replace(", ", ", " + alias + ".");
  }

  private TraceRows() {}

  static void write(RowBinaryOut out, Trace t, long version, boolean deleted) {
    out.string(t.projectId());
    out.string(t.id());
    out.int64(Times.toEpochMicros(t.timestamp()));
    out.uint16(Days.of(t.timestamp()));
    out.nullableString(t.name());
    out.nullableString(t.userId());
    out.nullableString(t.sessionId());
    out.strings(t.tags());
    out.nullableString(t.input());
    out.nullableString(t.output());
    out.nullableString(t.metadata());
    out.string(t.environment());
    out.nullableString(t.release());
    out.nullableString(t.version());
    out.bool(t.isPublic());
    out.int64(version);
    out.uint8(deleted ? 1 : 0);
    out.endRow();
  }

  static Trace read(RowBinaryIn in) {
    String projectId = in.string();
    String id = in.string();
    Trace.Builder b = Trace.builder(projectId, id, Times.fromEpochMicros(in.int64()));
    return b.name(in.nullableString())
        .userId(in.nullableString())
        .sessionId(in.nullableString())
        .tags(in.strings())
        .input(in.nullableString())
        .output(in.nullableString())
        .metadata(in.nullableString())
        .environment(in.string())
        .release(in.nullableString())
        .version(in.nullableString())
        .isPublic(in.bool())
        .build();
  }
}
