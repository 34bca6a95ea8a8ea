package dev.loupe.testing.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ClickHouse's JDBC driver over the endpoint: statements, a prepared insert and select. */
class JdbcTest {
  @TempDir static Path dir;
  static LocalClickHouse ch;

  @BeforeAll
  static void start() {
    ch = LocalClickHouse.start(dir);
  }

  @AfterAll
  static void stop() {
    ch.close();
  }

  @Test
  void statementsAndPreparedStatementsRun() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", "default");
    props.setProperty("password", "");
    String url = "jdbc:clickhouse:" + ch.url() + "/default";
    try (Connection c = DriverManager.getConnection(url, props)) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE j (id UInt32, name String) ENGINE = MergeTree ORDER BY id");
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO j VALUES (?, ?)")) {
        for (int i = 1; i <= 3; i++) {
          p.setInt(1, i);
          p.setString(2, "name " + i);
          p.addBatch();
        }
        p.executeBatch();
      }
      try (PreparedStatement p =
          c.prepareStatement("SELECT id, name FROM j WHERE id >= ? ORDER BY id")) {
        p.setInt(1, 2);
        try (ResultSet rs = p.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt("id")).isEqualTo(2);
          assertThat(rs.getString("name")).isEqualTo("name 2");
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(3);
          assertThat(rs.next()).isFalse();
        }
      }
    }
  }
}
