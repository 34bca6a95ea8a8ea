package dev.loupe.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.Level;
import dev.loupe.storage.SortDirection;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.TraceQuery.OrderBy;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The trace list's search parameters: q, level, model, cost and latency bounds, new orders. */
class TraceQueriesTest {
  @Test
  void listFiltersReachTheQuery() {
    TraceQuery q =
        TraceQueries.query(
            "p1",
            QueryParams.parse(
                "q=Support%20Agent&level=error&model=gpt-4o&minCost=0.0015&maxCost=2"
                    + "&minLatency=1.5&maxLatency=30&orderBy=latency.desc&userId=u"));

    assertThat(q.search()).isEqualTo("Support Agent");
    assertThat(q.level()).isEqualTo(Level.ERROR);
    assertThat(q.model()).isEqualTo("gpt-4o");
    assertThat(q.minCost()).isEqualByComparingTo("0.0015");
    assertThat(q.maxCost()).isEqualByComparingTo("2");
    assertThat(q.minLatency()).isEqualTo(Duration.ofMillis(1_500));
    assertThat(q.maxLatency()).isEqualTo(Duration.ofSeconds(30));
    assertThat(q.orderBy()).isEqualTo(OrderBy.LATENCY);
    assertThat(q.direction()).isEqualTo(SortDirection.DESC);
    assertThat(q.userId()).isEqualTo("u");
    assertThat(q.byObservations()).isTrue();
  }

  @Test
  void withoutListFiltersTheQueryNeedsNoObservations() {
    TraceQuery q = TraceQueries.query("p1", QueryParams.parse("q=abc&orderBy=name.asc"));

    assertThat(q.level()).isNull();
    assertThat(q.minCost()).isNull();
    assertThat(q.maxLatency()).isNull();
    assertThat(q.byObservations()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"latency.asc,LATENCY,ASC", "cost.desc,COST,DESC", "tokens.asc,TOKENS,ASC"})
  void ordersByTheSummaryMeasures(String param, OrderBy field, SortDirection dir) {
    TraceQuery q = TraceQueries.query("p", QueryParams.parse("orderBy=" + param));

    assertThat(q.orderBy()).isEqualTo(field);
    assertThat(q.direction()).isEqualTo(dir);
  }

  @Test
  void latencyKeepsNanosecondsAndCostKeepsTwelveDecimals() {
    TraceQuery q =
        TraceQueries.query(
            "p", QueryParams.parse("minLatency=0.000000001&minCost=0.000000000001&maxLatency=0"));

    assertThat(q.minLatency()).isEqualTo(Duration.ofNanos(1));
    assertThat(q.maxLatency()).isEqualTo(Duration.ZERO);
    assertThat(q.minCost()).isEqualByComparingTo(new BigDecimal("1e-12"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "minCost=abc        | minCost: not a number: 'abc'",
        "maxCost=-1         | maxCost: must be between 0 and",
        "maxCost=1e13       | maxCost: must be between 0 and",
        "minCost=0.0000000000001 | minCost: at most 12 decimal places",
        "minLatency=fast    | minLatency: not a number: 'fast'",
        "maxLatency=-0.5    | maxLatency: must be between 0 and",
        "minLatency=1e10    | minLatency: must be between 0 and",
        "maxLatency=0.0000000001 | maxLatency: at most 9 decimal places",
        "level=INFO         | level: unknown value 'INFO'",
        "level=loud         | level: unknown value 'loud'",
        "orderBy=errors.desc | orderBy: expected <field>.<asc|desc>",
        "minCost=1e999999999 | minCost: must be between 0 and",
      })
  void badValuesAreRejectedNamingTheParameter(String query, String message) {
    assertThatThrownBy(() -> TraceQueries.query("p", QueryParams.parse(query)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void levelIsCaseInsensitive() {
    assertThat(TraceQueries.query("p", QueryParams.parse("level=warning")).level())
        .isEqualTo(Level.WARNING);
  }
}
