package dev.loupe.storage.clickhouse;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One alert table (schema 120) of rows of type {@code T}, keyed within a project by one column:
 * puts at a version past the stored ones, reads of live rows (FINAL), tombstone deletes.
 */
final class AlertTable<T> {
  /** Writes one row, its version and is_deleted = 0 last. */
  interface Writer<T> {
    void write(RowBinaryOut out, T value, long version);
  }

  private final Replacing rows;
  private final String table;
  private final String key;
  private final List<String> insertColumns;
  private final String select;
  private final Writer<T> writer;
  private final Function<RowBinaryIn, T> reader;

  AlertTable(
      Replacing rows,
      String table,
      String key,
      List<String> insertColumns,
      String select,
      Writer<T> writer,
      Function<RowBinaryIn, T> reader) {
    this.rows = rows;
    this.table = table;
    this.key = key;
    this.insertColumns = insertColumns;
    this.select = select;
    this.writer = writer;
    this.reader = reader;
  }

  /** Stores {@code value} as the newest version of its (project, key) row. */
  void put(T value, String projectId, String id) {
    Params p = new Params();
    long version = rows.versionAfter(table, where(p, key, projectId, id), p);
    RowBinaryOut out = new RowBinaryOut();
    writer.write(out, value, version);
    rows.sql().insert(table, insertColumns, out);
  }

  Optional<T> get(String projectId, String id) {
    Params p = new Params();
    String sql =
        "SELECT " + select + " FROM " + table + " FINAL WHERE " + where(p, key, projectId, id);
    return rows.sql().query(sql, p.map(), reader).stream().findFirst();
  }

  /**
   * The project's live rows that also satisfy {@code and} (its values in {@code p}; "" for none),
   * in {@code order}, at most {@code limit} of them (a negative limit: all).
   */
  List<T> list(String projectId, Params p, String and, String order, int limit) {
    requireNonNull(projectId, "projectId");
    String sql =
        "SELECT "
            + select
            + " FROM "
            + table
            + " FINAL WHERE project_id = "
            + p.string(projectId)
            + and
            + " ORDER BY "
            + order;
    if (limit >= 0) sql += " LIMIT " + p.int64(limit);
    return rows.sql().query(sql, p.map(), reader);
  }

  /** Tombstones the project's rows whose {@code column} is {@code id}; how many there were. */
  int delete(String projectId, String column, String id) {
    Params p = new Params();
    return rows.delete(table, where(p, column, projectId, id), p);
  }

  private static String where(Params p, String column, String projectId, String id) {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, column);
    return "project_id = " + p.string(projectId) + " AND " + column + " = " + p.string(id);
  }
}
