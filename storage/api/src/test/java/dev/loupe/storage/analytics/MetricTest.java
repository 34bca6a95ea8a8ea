package dev.loupe.storage.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricTest {
  @Test
  void timestamp_takesMinAndMaxOnly_asInstantsOnBothViews() {
    for (MetricsView view : MetricsView.values()) {
      assertThat(Measure.fromWire("timestamp", view, "m")).isEqualTo(Measure.TIMESTAMP);
    }
    for (Aggregation a : Aggregation.values()) {
      boolean minOrMax = a == Aggregation.MIN || a == Aggregation.MAX;
      assertThat(a.appliesTo(Measure.TIMESTAMP)).as(a.wireName()).isEqualTo(minOrMax);
    }
    assertThat(new Metric(Measure.TIMESTAMP, Aggregation.MAX).alias()).isEqualTo("max_timestamp");
    assertThat(Aggregation.MIN.valueType(Measure.TIMESTAMP))
        .isEqualTo(Aggregation.ValueType.INSTANT);
    assertThat(Aggregation.allowedFor(Measure.TIMESTAMP)).isEqualTo("min or max");
    assertThat(Aggregation.allowedFor(Measure.USER_ID)).isEqualTo("count or uniq");
  }

  @Test
  void timestamp_otherAggregationsAreErrorsNamingBoth() {
    for (Aggregation a : new Aggregation[] {Aggregation.SUM, Aggregation.AVG, Aggregation.P95}) {
      assertThatThrownBy(() -> new Metric(Measure.TIMESTAMP, a))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "metrics: aggregation "
                  + a.wireName()
                  + " does not apply to measure timestamp (use min or max)");
    }
    assertThatThrownBy(() -> new Metric(Measure.TIMESTAMP, Aggregation.COUNT))
        .hasMessageContaining("count does not apply to measure timestamp");
    assertThatThrownBy(() -> new Metric(Measure.TIMESTAMP, Aggregation.UNIQ))
        .hasMessageContaining("uniq does not apply to measure timestamp");
  }

  @Test
  void timestamp_metricsOrderByTheirAlias() {
    MetricsQuery q =
        MetricsQuery.builder("p", MetricsView.TRACES, Instant.EPOCH, Instant.ofEpochSecond(60))
            .dimension(Dimension.USER_ID)
            .metric(Measure.TIMESTAMP, Aggregation.MAX)
            .orderBy("max_timestamp", dev.loupe.storage.SortDirection.DESC)
            .build();

    assertThat(q.orderBy()).hasSize(1);
  }
}
