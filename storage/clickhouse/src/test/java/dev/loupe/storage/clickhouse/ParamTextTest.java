package dev.loupe.storage.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Parameters reach ClickHouse unaltered, whatever characters they hold. */
class ParamTextTest {
  static final List<String> TRICKY =
      List.of(
          "plain",
          "back\\slash",
          "quote ' and \" double",
          "tab\there",
          "line\nbreak\r",
          "nul\u0000inside",
          "\\'",
          "',",
          "[]",
          "Grüße 👋🏽 你好",
          "");
  static ClickHouseStorage storage;

  @BeforeAll
  static void open() {
    storage = TestClickHouse.open();
  }

  @AfterAll
  static void close() {
    storage.close();
  }

  @Test
  void stringsRoundTrip() {
    for (String s : TRICKY) {
      assertThat(storage.sql().query("SELECT {s:String}", Map.of("s", s), RowBinaryIn::string))
          .as(s)
          .containsExactly(s);
    }
  }

  @Test
  void arraysOfStringsRoundTrip() {
    assertThat(
            storage
                .sql()
                .query("SELECT {a:Array(String)}", Map.of("a", TRICKY), RowBinaryIn::strings))
        .containsExactly(TRICKY);
    assertThat(
            storage
                .sql()
                .query("SELECT {a:Array(String)}", Map.of("a", List.of()), RowBinaryIn::strings))
        .containsExactly(List.of());
  }
}
