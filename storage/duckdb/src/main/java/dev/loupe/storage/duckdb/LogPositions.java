package dev.loupe.storage.duckdb;

import dev.loupe.storage.LogPosition;
import dev.loupe.storage.WriteBatch;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code log_positions} table: one row per (log, partition), the offset of the next record to
 * apply. The writer replaces a group's positions inside the group's transaction, so the rows of a
 * batch and the position it carried commit together; reads use a read connection.
 */
final class LogPositions {
  static final String DDL =
      """
      CREATE TABLE IF NOT EXISTS log_positions(
        log VARCHAR NOT NULL, log_partition INTEGER NOT NULL, next_offset BIGINT NOT NULL)""";

  private LogPositions() {}

  /** Records the batches' positions, later ones replacing earlier ones (writer's transaction). */
  static void write(Session session, List<WriteBatch> batches) throws SQLException {
    Map<List<Object>, LogPosition> latest = new LinkedHashMap<>();
    for (WriteBatch b : batches)
      for (LogPosition p : b.positions()) latest.put(List.of(p.log(), p.partition()), p);
    if (latest.isEmpty()) return;
    PreparedStatement delete =
        session.statement("DELETE FROM log_positions WHERE log = ? AND log_partition = ?");
    PreparedStatement insert = session.statement("INSERT INTO log_positions VALUES (?, ?, ?)");
    for (LogPosition p : latest.values()) {
      delete.setString(1, p.log());
      delete.setInt(2, p.partition());
      delete.executeUpdate();
      insert.setString(1, p.log());
      insert.setInt(2, p.partition());
      insert.setLong(3, p.next());
      insert.executeUpdate();
    }
  }

  static List<LogPosition> read(ReadPool pool, String log) {
    return pool.read(
        "logPositions",
        s -> {
          PreparedStatement ps =
              s.statement(
                  "SELECT log_partition, next_offset FROM log_positions WHERE log = ?"
                      + " ORDER BY log_partition");
          ps.setString(1, log);
          List<LogPosition> out = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(new LogPosition(log, rs.getInt(1), rs.getLong(2)));
          }
          return out;
        });
  }
}
