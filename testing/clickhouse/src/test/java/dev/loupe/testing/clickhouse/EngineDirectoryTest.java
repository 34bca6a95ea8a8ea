package dev.loupe.testing.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine keeps its data in the directory it was started on, one directory at a time. */
class EngineDirectoryTest {
  @TempDir Path first;
  @TempDir Path second;

  @Test
  void eachStartUsesItsOwnDirectory() {
    try (ChDb db = ChDb.connect(first, Map.of())) {
      db.query("CREATE DATABASE only_in_first", "TSV");
    }
    assertThat(Files.exists(first.resolve("metadata/only_in_first.sql"))).isTrue();
    try (ChDb db = ChDb.connect(second, Map.of())) {
      assertThat(
              text(
                  db.query(
                          "SELECT count() FROM system.databases WHERE name = 'only_in_first'",
                          "TSV")
                      .data()))
          .isEqualTo("0\n");
    }
    assertThat(Files.exists(second.resolve("metadata/only_in_first.sql"))).isFalse();
  }

  @Test
  void anotherDirectoryWhileOneIsOpenIsRefused() {
    try (ChDb db = ChDb.connect(first, Map.of())) {
      assertThatThrownBy(() -> ChDb.connect(second, Map.of()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(first.toString());
      assertThat(text(db.query("SELECT 1", "TSV").data())).isEqualTo("1\n");
    }
  }

  @Test
  void aStatementErrorNamesItsCode() {
    try (ChDb db = ChDb.connect(first, Map.of())) {
      assertThatThrownBy(() -> db.query("SELECT * FROM missing_table", "TSV"))
          .isInstanceOfSatisfying(ChDbException.class, e -> assertThat(e.code()).isEqualTo(60))
          .hasMessageStartingWith("Code: 60. DB::Exception:");
    }
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
