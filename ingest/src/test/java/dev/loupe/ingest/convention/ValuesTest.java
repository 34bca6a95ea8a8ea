package dev.loupe.ingest.convention;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValuesTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "3 documents|\"3 documents\"",
        "null and void|\"null and void\"",
        "true story|\"true story\"",
        "{\"a\": 1} trailing|\"{\\\"a\\\": 1} trailing\"",
        "42|42",
        "0.10|0.10",
        "1.0|1.0",
        "true|true",
        "'  {\"a\": [1, 2]}  '|{\"a\":[1,2]}",
        "\"already quoted\"|\"already quoted\"",
        "Hi Ada|\"Hi Ada\"",
        "[\"bad \\q escape\"]|\"[\\\"bad \\\\q escape\\\"]\"",
        "[1,2|\"[1,2\"",
        "{\"a\":1}{\"b\":2}|\"{\\\"a\\\":1}{\\\"b\\\":2}\"",
        "{\"s\":\"a \\\" b\"}|{\"s\":\"a \\\" b\"}",
        "01|\"01\"",
        "'{ \"a\" : \"x y\\u00e9\\/\" , \"b\":[1 , 2.50e0 ] }'|{\"a\":\"x y\\u00e9\\/\",\"b\":[1,2.50e0]}",
        "[1 2]|\"[1 2]\""
      })
  void jsonText_keepsWholeJsonValuesAndQuotesEverythingElse(String wire, String expected) {
    assertThat(Values.jsonText(wire)).isEqualTo(expected);
  }

  @Test
  void jsonText_compactsToTheValueJacksonReads() {
    String loose =
        "{\n  \"messages\": [ {\"role\": \"user\", \"content\": \"a  b\\n\"} ],\n  \"n\": 1.10 }";

    String compact = Values.jsonText(loose);

    assertThat(compact).doesNotContain("\n").contains("\"a  b\\n\"");
    assertThat(Values.parse(compact)).isEqualTo(Values.parse(loose));
  }

  @Test
  void jsonText_writesNonStringsAsJson() {
    assertThat(Values.jsonText(List.of(1L, "a"))).isEqualTo("[1,\"a\"]");
    assertThat(Values.jsonText(Map.of("k", true))).isEqualTo("{\"k\":true}");
    assertThat(Values.jsonText(2.5)).isEqualTo("2.5");
  }

  @Test
  void count_acceptsNumbersAndNumericStringsOnly() {
    assertThat(Values.count(42L)).isEqualTo(42L);
    assertThat(Values.count(41.6)).isEqualTo(42L);
    assertThat(Values.count(" 17 ")).isEqualTo(17L);
    assertThat(Values.count(-3L)).isZero();
    assertThat(Values.count("many")).isNull();
    assertThat(Values.count(Double.NaN)).isNull();
    assertThat(Values.count(true)).isNull();
  }

  @Test
  void decimal_keepsTheDigitsSent() {
    assertThat(Values.decimal("0.0001700000000000001"))
        .isEqualTo(new BigDecimal("0.0001700000000000001"));
    assertThat(Values.decimal(0.1)).isEqualTo(new BigDecimal("0.1"));
    assertThat(Values.decimal("1e-3")).isEqualByComparingTo("0.001");
    assertThat(Values.decimal("cheap")).isNull();
  }

  @Test
  void meaningful_rejectsEmptyValues() {
    assertThat(Values.meaningful("")).isFalse();
    assertThat(Values.meaningful(List.of())).isFalse();
    assertThat(Values.meaningful(Map.of())).isFalse();
    assertThat(Values.meaningful(null)).isFalse();
    assertThat(Values.meaningful(false)).isTrue();
    assertThat(Values.meaningful(0L)).isTrue();
  }

  @Test
  void isTrue_acceptsBooleanAndString() {
    assertThat(Values.isTrue(true)).isTrue();
    assertThat(Values.isTrue("TRUE")).isTrue();
    assertThat(Values.isTrue("yes")).isFalse();
    assertThat(Values.isTrue(null)).isFalse();
  }
}
