package dev.loupe.storage.duckdb;

import dev.loupe.model.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBLogicalType;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.duckdb.DuckDBWritableVector;
import org.jspecify.annotations.Nullable;

/**
 * A write group's rows for one table, loaded in bulk. The writer adds rows value by value in the
 * table's column order, as with DuckDB's Appender ({@link #beginRow}, {@code add...}), into Java
 * arrays, one per column; {@link #insert} then runs one {@code INSERT INTO table SELECT ... FROM
 * loupe_load_<table>_<n>()}, whose source is a table function of ours that hands DuckDB those
 * arrays a vector (2,048 rows) at a time: fixed-width values straight into the vector, strings a
 * column at a time as UTF-8 bytes. The append stage costs about a third less writer CPU per span
 * than with the Appender (RATIONALE.md), which converts every string on its own and flushes every
 * 2,048 rows.
 *
 * <p>The column kinds come from the table's definition when the load is {@linkplain #open opened}.
 * Strings go in as UTF-8 (an unpaired surrogate becomes '?', as with the Appender); timestamps as
 * epoch microseconds ({@code make_timestamp}); lists and maps as JSON text cast to the column's
 * type (decimals in maps as strings, so they stay exact).
 *
 * <p>One thread adds the rows. It is the thread that inserts them, or, for a load {@linkplain
 * #stream streamed}, another one (the writer's loader): then the insert may start before the rows
 * are all there, its source handing DuckDB each vector as soon as it is complete and waiting for
 * the next, so DuckDB inserts while the rows are still being made ({@link GroupWriter}).
 */
final class TableLoad {
  /** Makes each load's function name unique: a registered function stays for the connection. */
  private static final AtomicInteger LOADS = new AtomicInteger();

  private final String table;
  private final String function;
  private final List<Column> columns;
  private final String insert;
  private int rows;
  private int next;
  private int cursor;

  /** Set by {@link #stream}, until the load is inserted or cleared. */
  private boolean streaming;

  private int expectedRows;

  /** Of a streamed load (guarded by this): rows the source may hand out, and how it ends. */
  private int published;

  private boolean finished;
  private @Nullable RuntimeException failure;

  private TableLoad(String table, List<Column> columns) {
    this.table = table;
    this.function = "loupe_load_" + table + "_" + LOADS.incrementAndGet();
    this.columns = columns;
    StringJoiner select = new StringJoiner(", ");
    for (Column c : columns) select.add(c.select());
    this.insert = "INSERT INTO " + table + " SELECT " + select + " FROM " + function + "()";
  }

  /** A load for {@code table}, its source function registered on {@code connection}. */
  static TableLoad open(DuckDBConnection connection, String table) throws SQLException {
    List<Column> columns = new ArrayList<>();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = ?"
                + " AND schema_name = 'main' AND table_name = ? ORDER BY column_index")) {
      ps.setString(1, Database.CATALOG);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) columns.add(Column.of(columns.size(), rs.getString(2)));
      }
    }
    if (columns.isEmpty()) throw new SQLException("no table " + table);
    TableLoad load = new TableLoad(table, List.copyOf(columns));
    DuckDBFunctions.tableFunction()
        .withName(load.function)
        .withFunction(load.new Source())
        .register(connection);
    return load;
  }

  /** Rows added since the last insert. */
  int rows() {
    return rows;
  }

  /** Starts a row; add every column's value in table order, then {@link #endRow}. */
  TableLoad beginRow() {
    if (next != 0) throw new IllegalStateException(table + ": row " + rows + " not ended");
    if (streaming && rows == expectedRows) {
      throw new IllegalStateException(table + ": more rows than the " + expectedRows + " expected");
    }
    return this;
  }

  TableLoad endRow() {
    if (next != columns.size()) {
      throw new IllegalStateException(
          table + ": row has " + next + " values, the table " + columns.size() + " columns");
    }
    next = 0;
    rows++;
    if (streaming && rows % VECTOR == 0) publish(false);
    return this;
  }

  /** Rows DuckDB takes a vector at a time. */
  private static final int VECTOR = 2_048;

  /**
   * Makes this (empty) load one that another thread fills while {@link #insert} runs: the filling
   * thread adds at most {@code expectedRows} rows (the columns are sized for them now, so the
   * arrays the source reads never move), then calls {@link #finish} or {@link #fail}. Call before
   * handing the load to that thread.
   */
  void stream(int expectedRows) {
    if (rows != 0 || next != 0) throw new IllegalStateException(table + ": load not empty");
    for (Column c : columns) c.ensure(expectedRows);
    this.expectedRows = expectedRows;
    synchronized (this) {
      streaming = true;
      published = 0;
      finished = false;
      failure = null;
    }
  }

  /** The filling thread added every row of a streamed load. */
  void finish() {
    if (next != 0) throw new IllegalStateException(table + ": row " + rows + " not ended");
    publish(true);
  }

  /** The filling thread stopped: the insert of a streamed load fails with {@code cause}. */
  synchronized void fail(RuntimeException cause) {
    failure = cause;
    notifyAll();
  }

  private synchronized void publish(boolean last) {
    published = rows;
    finished = last;
    notifyAll();
  }

  /** Waits until the filling thread finished or failed. */
  private synchronized void awaitDone() {
    waitUntil(Integer.MAX_VALUE);
  }

  /** Waits until {@code wanted} rows or all rows are published; how many are. */
  private synchronized int await(int wanted) {
    waitUntil(wanted);
    if (failure != null) {
      throw new IllegalStateException(table + " load failed: " + failure.getMessage(), failure);
    }
    return published;
  }

  /**
   * Waits (holding this) until {@code wanted} rows are published, all are, or the filling thread
   * failed; an interrupt is kept for later, as the filling thread finishes or fails in any case.
   */
  private void waitUntil(int wanted) {
    boolean interrupted = false;
    while (failure == null && !finished && published < wanted) {
      try {
        wait();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }

  TableLoad add(long v) {
    column(Kind.BIGINT).longs[rows] = v;
    return this;
  }

  TableLoad add(@Nullable Long v) {
    return v == null ? addNull() : add(v.longValue());
  }

  TableLoad add(@Nullable Integer v) {
    if (v == null) return addNull();
    column(Kind.INTEGER).longs[rows] = v;
    return this;
  }

  TableLoad add(boolean v) {
    column(Kind.BOOLEAN).longs[rows] = v ? 1 : 0;
    return this;
  }

  TableLoad add(@Nullable String v) {
    if (v == null) return addNull();
    column(Kind.VARCHAR).objects[rows] = utf8(v);
    return this;
  }

  TableLoad add(@Nullable BigDecimal v) {
    if (v == null) return addNull();
    column(Kind.DECIMAL).objects[rows] = v;
    return this;
  }

  /** A {@code HUGEINT} value. */
  TableLoad add(HugeSum v) {
    Column c = column(Kind.HUGEINT);
    c.longs[2 * rows] = v.low();
    c.longs[2 * rows + 1] = v.high();
    return this;
  }

  /** A TIMESTAMP value. */
  TableLoad addMicros(long epochMicros) {
    column(Kind.TIMESTAMP).longs[rows] = epochMicros;
    return this;
  }

  /** A {@code VARCHAR[]} value. */
  TableLoad add(List<String> v) {
    StringBuilder json = new StringBuilder("[");
    for (String s : v) quote(json.append(json.length() > 1 ? "," : ""), s);
    column(Kind.JSON).objects[rows] = utf8(json.append(']').toString());
    return this;
  }

  /**
   * A {@code MAP(VARCHAR, BIGINT)} or {@code MAP(VARCHAR, DECIMAL)} value; decimals go as JSON
   * strings, so they stay exact.
   */
  TableLoad add(Map<String, ? extends Number> v) {
    StringBuilder json = new StringBuilder("{");
    v.forEach(
        (k, value) -> {
          quote(json.append(json.length() > 1 ? "," : ""), k).append(':');
          if (value instanceof BigDecimal d) quote(json, d.toPlainString());
          else json.append(value.longValue());
        });
    column(Kind.JSON).objects[rows] = utf8(json.append('}').toString());
    return this;
  }

  TableLoad addNull() {
    Column c = columns.get(checkNext());
    c.ensure(rows + 1);
    c.nulls[rows] = true;
    next++;
    return this;
  }

  /**
   * Inserts the rows added since the last insert (in the writer's transaction) and starts over.
   *
   * @throws SQLException when DuckDB refuses a value or the rows; the load is empty afterwards
   */
  void insert(Session session) throws SQLException {
    try {
      if (!streaming && next != 0)
        throw new IllegalStateException(table + ": row " + rows + " not ended");
      boolean empty = streaming ? expectedRows == 0 : rows == 0;
      int inserted = 0;
      if (!empty) {
        cursor = 0;
        inserted = session.statement(insert).executeUpdate();
      }
      int expected = streaming ? await(Integer.MAX_VALUE) : rows; // all there once it ran
      if (inserted != expected) {
        throw new SQLException(
            "expected to insert " + expected + " rows into " + table + ", inserted " + inserted);
      }
    } finally {
      if (streaming) awaitDone(); // the filling thread may still add rows after a refused one
      clear();
    }
  }

  /**
   * Drops the rows added since the last insert. A streamed load is cleared by the inserting thread
   * once the filling thread is done with it.
   */
  void clear() {
    for (Column c : columns) c.clear(rows);
    rows = 0;
    next = 0;
    synchronized (this) {
      streaming = false;
    }
  }

  private Column column(Kind kind) {
    Column c = columns.get(checkNext());
    if (c.kind != kind) {
      throw new IllegalStateException(
          table + " column " + next + " is " + c.type + ", not a " + kind + " value");
    }
    c.ensure(rows + 1);
    next++;
    return c;
  }

  private int checkNext() {
    if (next >= columns.size())
      throw new IllegalStateException(table + ": more values than columns");
    return next;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8); // like the Appender: unpaired surrogates become '?'
  }

  /** Appends {@code s} as a JSON string literal ({@link Json#quote}). */
  private static StringBuilder quote(StringBuilder json, String s) {
    return json.append(Json.quote(s));
  }

  /** The table function: hands the added rows to DuckDB, a vector at a time. */
  private final class Source implements DuckDBTableFunction<Object, Object, Object> {
    @Override
    public Object bind(DuckDBTableFunctionBindInfo info) throws Exception {
      for (Column c : columns) {
        if (c.kind == Kind.DECIMAL) {
          try (DuckDBLogicalType t = DuckDBLogicalType.decimal(c.precision, c.scale)) {
            info.addResultColumn(c.name(), t);
          }
        } else {
          info.addResultColumn(c.name(), c.kind.source);
        }
      }
      return table;
    }

    @Override
    public Object init(DuckDBTableFunctionInitInfo info) {
      info.setMaxThreads(1);
      return table;
    }

    @Override
    public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter out) {
      int available = streaming ? await(cursor + (int) out.capacity()) : rows;
      int n = (int) Math.min(out.capacity(), available - cursor);
      if (n <= 0) return 0;
      for (int i = 0; i < columns.size(); i++) columns.get(i).write(out.vector(i), cursor, n);
      cursor += n;
      return n;
    }
  }

  private enum Kind {
    BIGINT(DuckDBColumnType.BIGINT),
    INTEGER(DuckDBColumnType.INTEGER),
    BOOLEAN(DuckDBColumnType.BOOLEAN),
    VARCHAR(DuckDBColumnType.VARCHAR),
    DECIMAL(DuckDBColumnType.DECIMAL),
    /** Two longs a value: low, high. */
    HUGEINT(DuckDBColumnType.HUGEINT),
    /** Epoch microseconds, made a TIMESTAMP in SQL. */
    TIMESTAMP(DuckDBColumnType.BIGINT),
    /** JSON text, cast to the column's list or map type in SQL. */
    JSON(DuckDBColumnType.VARCHAR);

    final DuckDBColumnType source;

    Kind(DuckDBColumnType source) {
      this.source = source;
    }
  }

  /** One column's values: fixed-width ones in {@code longs}, others in {@code objects}. */
  private static final class Column {
    final int index;
    final String type;
    final Kind kind;
    final int precision;
    final int scale;
    long[] longs = new long[0];
    @Nullable Object[] objects = new Object[0];
    boolean[] nulls = new boolean[0];

    private Column(int index, String type, Kind kind, int precision, int scale) {
      this.index = index;
      this.type = type;
      this.kind = kind;
      this.precision = precision;
      this.scale = scale;
    }

    static Column of(int index, String type) {
      if (type.startsWith("DECIMAL(")) {
        String[] ps = type.substring(8, type.length() - 1).split(",");
        return new Column(
            index,
            type,
            Kind.DECIMAL,
            Integer.parseInt(ps[0].trim()),
            Integer.parseInt(ps[1].trim()));
      }
      Kind kind =
          switch (type) {
            case "BIGINT" -> Kind.BIGINT;
            case "INTEGER" -> Kind.INTEGER;
            case "BOOLEAN" -> Kind.BOOLEAN;
            case "VARCHAR" -> Kind.VARCHAR;
            case "TIMESTAMP" -> Kind.TIMESTAMP;
            case "HUGEINT" -> Kind.HUGEINT;
            default -> {
              if (type.endsWith("[]") || type.startsWith("MAP(")) yield Kind.JSON;
              throw new IllegalArgumentException("column type " + type + " cannot be loaded");
            }
          };
      return new Column(index, type, kind, 0, 0);
    }

    String name() {
      return "c" + index;
    }

    String select() {
      return switch (kind) {
        case TIMESTAMP -> "make_timestamp(" + name() + ")";
        case JSON -> "CAST(CAST(" + name() + " AS JSON) AS " + type + ")";
        default -> name();
      };
    }

    void ensure(int size) {
      if (nulls.length >= size) return;
      int capacity = Math.max(size, Math.max(2_048, nulls.length * 2));
      nulls = Arrays.copyOf(nulls, capacity);
      if (kind == Kind.VARCHAR || kind == Kind.DECIMAL || kind == Kind.JSON)
        objects = Arrays.copyOf(objects, capacity);
      else longs = Arrays.copyOf(longs, kind == Kind.HUGEINT ? 2 * capacity : capacity);
    }

    /** Forgets the values of the first {@code rows} rows and of a row begun after them. */
    void clear(int rows) {
      Arrays.fill(nulls, 0, Math.min(rows + 1, nulls.length), false);
      Arrays.fill(objects, 0, Math.min(rows + 1, objects.length), null);
    }

    void write(DuckDBWritableVector v, int from, int n) {
      switch (kind) {
        case VARCHAR, JSON -> {
          byte[][] chunk = new byte[n][];
          for (int r = 0; r < n; r++)
            chunk[r] = nulls[from + r] ? null : (byte[]) objects[from + r];
          v.setStringUtf8Batch(0, chunk);
        }
        case DECIMAL -> {
          for (int r = 0; r < n; r++) {
            if (nulls[from + r]) v.setNull(r);
            else v.setBigDecimal(r, (BigDecimal) objects[from + r]);
          }
        }
        case INTEGER -> {
          for (int r = 0; r < n; r++) {
            if (nulls[from + r]) v.setNull(r);
            else v.setInt(r, (int) longs[from + r]);
          }
        }
        case BOOLEAN -> {
          for (int r = 0; r < n; r++) {
            if (nulls[from + r]) v.setNull(r);
            else v.setBoolean(r, longs[from + r] != 0);
          }
        }
        case HUGEINT -> {
          for (int r = 0; r < n; r++) {
            if (nulls[from + r]) v.setNull(r);
            else v.setHugeInt(r, HugeSum.of(longs[2 * (from + r)], longs[2 * (from + r) + 1]));
          }
        }
        case BIGINT, TIMESTAMP -> {
          for (int r = 0; r < n; r++) {
            if (nulls[from + r]) v.setNull(r);
            else v.setLong(r, longs[from + r]);
          }
        }
      }
    }
  }
}
