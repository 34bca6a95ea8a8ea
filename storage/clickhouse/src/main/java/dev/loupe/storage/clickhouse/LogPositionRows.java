package dev.loupe.storage.clickhouse;

import dev.loupe.storage.LogPosition;
import java.util.List;

/** The {@code log_positions} table's columns. */
final class LogPositionRows {
  static final List<String> COLUMNS = List.of("log", "partition", "next", "row_version");

  private LogPositionRows() {}

  static void write(RowBinaryOut out, LogPosition p, long version) {
    out.string(p.log());
    out.int32(p.partition());
    out.int64(p.next());
    out.int64(version);
    out.endRow();
  }
}
