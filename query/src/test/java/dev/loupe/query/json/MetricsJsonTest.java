package dev.loupe.query.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.query.DailyMetrics;
import dev.loupe.storage.Page;
import dev.loupe.storage.analytics.MetricsRow;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsJsonTest {
  static String text(byte[] json) {
    return new String(json, StandardCharsets.UTF_8);
  }

  static Map<String, Object> values(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
    return m;
  }

  @Test
  void rows_writeEachValueTypeExactly() {
    Map<String, String> dims = new LinkedHashMap<>();
    dims.put("providedModelName", "gpt-4o");
    dims.put("name", null);
    MetricsRow row =
        new MetricsRow(
            Instant.parse("2025-01-02T00:00:00Z"),
            dims,
            values(
                "count_count",
                3L,
                "sum_totalCost",
                new BigDecimal("0.000000123456789012345678901"),
                "avg_latency",
                1250.5,
                "p95_timeToFirstToken",
                null,
                "avg_outputTokensPerSecond",
                Double.NaN));

    assertThat(text(MetricsJson.rows(List.of(row))))
        .isEqualTo(
            "{\"data\":[{\"providedModelName\":\"gpt-4o\",\"name\":null,"
                + "\"time_dimension\":\"2025-01-02T00:00:00.000Z\",\"count_count\":3,"
                + "\"sum_totalCost\":0.000000123456789012345678901,\"avg_latency\":1250.5,"
                + "\"p95_timeToFirstToken\":null,\"avg_outputTokensPerSecond\":null}]}");
  }

  @Test
  void rows_withoutGranularityHaveNoTimeDimension() {
    MetricsRow row =
        new MetricsRow(null, Map.of(), values("sum_totalCost", new BigDecimal("1E+3")));

    assertThat(text(MetricsJson.rows(List.of(row))))
        .isEqualTo("{\"data\":[{\"sum_totalCost\":1000}]}");
    assertThat(text(MetricsJson.rows(List.of()))).isEqualTo("{\"data\":[]}");
  }

  @Test
  void rows_writeTimesAsIsoUtcLikeTheTimeDimension() {
    MetricsRow row =
        new MetricsRow(
            null,
            Map.of(),
            values(
                "min_timestamp",
                Instant.parse("2025-01-02T03:04:05.678Z"),
                "max_timestamp",
                Instant.parse("2025-01-02T03:04:05.678901Z")));

    assertThat(text(MetricsJson.rows(List.of(row))))
        .isEqualTo(
            "{\"data\":[{\"min_timestamp\":\"2025-01-02T03:04:05.678Z\","
                + "\"max_timestamp\":\"2025-01-02T03:04:05.678901Z\"}]}");
  }

  @Test
  void rows_unexpectedValueTypeIsAnError() {
    MetricsRow row = new MetricsRow(null, Map.of(), values("count_count", "3"));

    assertThatThrownBy(() -> MetricsJson.rows(List.of(row)))
        .hasMessageContaining("metric count_count has an unexpected type java.lang.String");
  }

  @Test
  void daily_writesLangfuseShapeWithMeta() {
    DailyMetrics.Day day =
        new DailyMetrics.Day(
            LocalDate.parse("2025-01-02"),
            2,
            5,
            new BigDecimal("0.0125"),
            List.of(
                new DailyMetrics.ModelUsage("gpt-4o", 100, 20, 120, 3, 2, new BigDecimal("0.01"))));

    assertThat(text(MetricsJson.daily(new Page<>(List.of(day), 1, 50, 1))))
        .isEqualTo(
            "{\"data\":[{\"date\":\"2025-01-02\",\"countTraces\":2,\"countObservations\":5,"
                + "\"totalCost\":0.0125,\"usage\":[{\"model\":\"gpt-4o\",\"inputUsage\":100,"
                + "\"outputUsage\":20,\"totalUsage\":120,\"countObservations\":3,\"countTraces\":2,"
                + "\"totalCost\":0.01}]}],"
                + "\"meta\":{\"page\":1,\"limit\":50,\"totalItems\":1,\"totalPages\":1}}");
  }
}
