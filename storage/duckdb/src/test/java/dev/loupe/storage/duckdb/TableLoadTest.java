package dev.loupe.storage.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bulk load stores every kind of column value exactly as given, over many vectors. */
class TableLoadTest {
  private static final String[] STRINGS = {
    "", "plain", "ünïcödé 日本 🎉", "quote\" back\\slash\nnew\ttab\u0001", "x".repeat(5_000)
  };

  @TempDir Path dir;
  DuckDBConnection connection;
  Session session;

  @BeforeEach
  void open() throws SQLException {
    connection = Database.open(dir.resolve("loupe.duckdb"));
    session = new Session(connection);
    session.execute(
        "CREATE TABLE t (id BIGINT, n INTEGER, b BOOLEAN, s VARCHAR, ts TIMESTAMP,"
            + " d DECIMAL(18,12), tags VARCHAR[], usage MAP(VARCHAR, BIGINT),"
            + " cost MAP(VARCHAR, DECIMAL(18,12)), h HUGEINT)");
  }

  @AfterEach
  void close() {
    session.close();
  }

  @Test
  void insert_storesEveryValueExactly_acrossVectorsAndRepeatedLoads() throws SQLException {
    TableLoad load = TableLoad.open(connection, "t");
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 5_000; i++) add(load, round * 5_000 + i);
      assertThat(load.rows()).isEqualTo(5_000);
      load.insert(session);
      assertThat(load.rows()).isZero();
    }
    assertRows(10_000);
  }

  @Test
  void insert_ofAStreamedLoad_takesTheRowsAsAnotherThreadMakesThem() throws Exception {
    TableLoad load = TableLoad.open(connection, "t");
    for (int round = 0; round < 2; round++) {
      int from = round * 5_000;
      load.stream(5_000);
      Thread filler =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < 5_000; i++) {
                      if (i % 1_000 == 0) pause(); // the insert's source waits for rows
                      add(load, from + i);
                    }
                    load.finish();
                  });
      load.insert(session);
      filler.join();
      assertThat(load.rows()).isZero();
    }
    load.beginRow().add(10_000L); // after a streamed insert, the load is an ordinary one again
    for (int c = 1; c < 10; c++) load.addNull();
    load.endRow().insert(session);
    assertRows(10_000);
  }

  @Test
  void insert_ofAStreamedLoadWhoseFillerFails_failsWithTheCauseAndStoresNothing() throws Exception {
    TableLoad load = TableLoad.open(connection, "t");
    load.stream(5_000);
    Thread filler =
        Thread.ofPlatform()
            .start(
                () -> {
                  for (int i = 0; i < 3_000; i++) add(load, i);
                  load.fail(new IllegalStateException("payload log: disk full"));
                });
    assertThatThrownBy(() -> load.insert(session))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("t load failed: payload log: disk full");
    filler.join();
    assertThat(load.rows()).isZero();
    assertRows(0);

    load.stream(2);
    add(load, 0);
    add(load, 1);
    assertThatThrownBy(() -> add(load, 2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("t: more rows than the 2 expected");
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Rows 0 until {@code rows} (beyond: only their ids), each with the values {@link #add} gave. */
  private void assertRows(int rows) throws SQLException {
    try (ResultSet rs =
        connection
            .createStatement()
            .executeQuery(
                "SELECT id, n, b, s, epoch_us(ts), d, to_json(tags)::VARCHAR,"
                    + " to_json(usage)::VARCHAR, cost['c'], cardinality(cost), h::VARCHAR FROM t"
                    + " ORDER BY id")) {
      int count = 0;
      while (rs.next()) {
        int i = count++;
        assertThat(rs.getLong(1)).isEqualTo(i);
        if (i >= rows) continue;
        boolean nulls = i % 7 == 3;
        if (nulls) {
          for (int c = 2; c <= 11; c++) {
            rs.getObject(c);
            assertThat(rs.wasNull()).as("column %d of row %d", c, i).isTrue();
          }
          continue;
        }
        assertThat(rs.getInt(2)).isEqualTo(-i);
        assertThat(rs.getBoolean(3)).isEqualTo(i % 2 == 0);
        assertThat(rs.getString(4)).isEqualTo(STRINGS[i % STRINGS.length]);
        assertThat(rs.getLong(5)).isEqualTo(1_764_000_000_000_000L + i);
        assertThat(rs.getBigDecimal(6)).isEqualTo(decimal(i));
        assertThat(rs.getString(7)).isEqualTo(i % 5 == 0 ? "[]" : "[\"a\\\"b\",\"c\\\\d\",\"🎉\"]");
        assertThat(rs.getString(8)).isEqualTo("{\"k\\\"ey\":" + (Long.MAX_VALUE - i) + ",\"z\":0}");
        assertThat(rs.getBigDecimal(9)).isEqualTo(decimal(i));
        assertThat(rs.getInt(10)).isEqualTo(1);
        assertThat(rs.getString(11)).isEqualTo(huge(i).value().toString());
      }
      assertThat(count).isGreaterThanOrEqualTo(rows);
    }
  }

  @Test
  void insert_unpairedSurrogateBecomesQuestionMark_asWithTheAppender() throws SQLException {
    TableLoad load = TableLoad.open(connection, "t");
    load.beginRow().add(1L).add((Integer) null).add(true).add("a\uD800b").addMicros(0);
    load.addNull().add(List.of()).addNull().addNull().addNull().endRow();
    load.insert(session);
    try (ResultSet rs = connection.createStatement().executeQuery("SELECT s FROM t")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("a?b");
    }
  }

  @Test
  void add_wrongKindOrCountOfValues_namesTheTableAndColumn() throws SQLException {
    TableLoad load = TableLoad.open(connection, "t");
    assertThatThrownBy(() -> load.beginRow().add(1L).add("text"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("t column 1 is INTEGER");
    load.clear();
    assertThatThrownBy(() -> load.beginRow().add(1L).endRow())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("row has 1 values, the table 10 columns");
  }

  private static void add(TableLoad load, int i) {
    load.beginRow().add((long) i);
    if (i % 7 == 3) {
      for (int c = 1; c < 10; c++) load.addNull();
      load.endRow();
      return;
    }
    load.add((Integer) (-i)).add(i % 2 == 0).add(STRINGS[i % STRINGS.length]);
    load.addMicros(1_764_000_000_000_000L + i).add(decimal(i));
    load.add(i % 5 == 0 ? List.<String>of() : new ArrayList<>(List.of("a\"b", "c\\d", "🎉")));
    Map<String, Long> usage = new LinkedHashMap<>();
    usage.put("k\"ey", Long.MAX_VALUE - i);
    usage.put("z", 0L);
    load.add(usage).add(Map.of("c", decimal(i))).add(huge(i)).endRow();
  }

  /** Small, beyond 64 bits, and negative sums by turns. */
  private static HugeSum huge(int i) {
    HugeSum h = new HugeSum();
    switch (i % 3) {
      case 0 -> h.add(i);
      case 1 -> {
        h.add(Long.MAX_VALUE);
        h.add(Long.MAX_VALUE);
        h.add(i);
      }
      default -> {
        h.add(Long.MIN_VALUE);
        h.add(-i);
      }
    }
    return h;
  }

  /** Up to the column's 6 integer and 12 fraction digits. */
  private static BigDecimal decimal(int i) {
    return new BigDecimal("999999.999999999999").subtract(BigDecimal.valueOf(i, 12));
  }
}
