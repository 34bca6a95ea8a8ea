package dev.loupe.storage.tests;

import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static dev.loupe.storage.tests.TestObjects.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.storage.AnalyticsStore;
import dev.loupe.storage.Storage;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import dev.loupe.storage.analytics.MetricsView;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Shared helpers of the analytics suites: queries over a wide window of {@link
 * TestObjects#PROJECT}, small observation factories and a row comparison that checks value types
 * (Long, BigDecimal stripped of trailing zeros, Double within 1e-9 relative).
 */
public abstract class AnalyticsSuite<S extends Storage> extends ITStorage<S> {
  /** A window wide enough for every hand-built data set. */
  protected static final Instant FROM = TODAY.minus(Duration.ofDays(60));

  protected static final Instant TO = TODAY.plus(Duration.ofDays(60));

  /** One hour after {@link TestObjects#TODAY}. */
  protected static final Instant HOUR_1 = TODAY.plusSeconds(3_600);

  /**
   * Three observations with different values in every dimension; the third's trace row is missing.
   */
  protected void threeDifferentObservations() {
    Trace t1 =
        bareTrace(1, HOUR_1)
            .name("agent")
            .userId("u1")
            .sessionId("s1")
            .tags(List.of("support", "tier-2"))
            .build();
    Trace t2 = bareTrace(2, HOUR_1).tags(List.of("billing")).build();
    Trace t9 = bareTrace(9, HOUR_1).name("never-written").userId("u9").build();
    Observation a =
        generation(t1, 1, HOUR_1)
            .name("chat")
            .model("gpt-4o")
            .promptName("support-system")
            .costSource(CostSource.CALCULATED)
            .costDetails(Map.of("total", usd("0.01")))
            .pricedModelId("p-gpt-4o")
            .environment("production")
            .release("r1")
            .version("v1")
            .build();
    Observation b =
        generation(t2, 2, HOUR_1)
            .type(ObservationType.TOOL)
            .name("lookup")
            .level(Level.ERROR)
            .build();
    Observation c =
        generation(t9, 3, HOUR_1)
            .name(null)
            .level(Level.WARNING)
            .model("claude-3")
            .costSource(CostSource.NO_PRICE)
            .environment("staging")
            .build();
    accept(List.of(t1, t2), List.of(a, b, c));
  }

  protected AnalyticsStore analytics() {
    return storage.analyticsStore();
  }

  protected static MetricsQuery.Builder observations() {
    return MetricsQuery.builder(PROJECT, MetricsView.OBSERVATIONS, FROM, TO);
  }

  protected static MetricsQuery.Builder traces() {
    return MetricsQuery.builder(PROJECT, MetricsView.TRACES, FROM, TO);
  }

  protected List<MetricsRow> run(MetricsQuery.Builder query) {
    return analytics().query(query.build());
  }

  /** The single row of an ungrouped query. */
  protected MetricsRow single(MetricsQuery.Builder query) {
    List<MetricsRow> rows = run(query);
    assertThat(rows).as("rows of an ungrouped query").hasSize(1);
    return rows.get(0);
  }

  /** A generation named "chat" of {@code trace}, id {@code observationId(n)}. */
  protected static Observation.Builder generation(Trace trace, int n, Instant start) {
    return Observation.builder(trace.projectId(), TestObjects.observationId(n), trace.id(), start)
        .type(ObservationType.GENERATION)
        .name("chat");
  }

  /** A minimal trace: only the fields a test sets. */
  protected static Trace.Builder bareTrace(int n, Instant timestamp) {
    return Trace.builder(PROJECT, TestObjects.traceId(n), timestamp);
  }

  protected static BigDecimal usd(String value) {
    return new BigDecimal(value);
  }

  /** Key-value pairs (values may be null) in order. */
  protected static Map<String, @Nullable String> dims(@Nullable String... keyValues) {
    Map<String, @Nullable String> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2)
      m.put(Objects.requireNonNull(keyValues[i]), keyValues[i + 1]);
    return m;
  }

  /** Key-value pairs of metric values (values may be null) in order. */
  protected static Map<String, @Nullable Object> values(@Nullable Object... keyValues) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2)
      m.put((String) Objects.requireNonNull(keyValues[i]), keyValues[i + 1]);
    return m;
  }

  protected static MetricsRow row(
      @Nullable Instant time,
      Map<String, @Nullable String> dims,
      Map<String, @Nullable Object> values) {
    return new MetricsRow(time, dims, values);
  }

  /**
   * Asserts one value: same Java type, Long equal, BigDecimal equal once stripped, Double close.
   */
  protected static void assertValue(
      String where, @Nullable Object actual, @Nullable Object expected) {
    if (expected == null) {
      assertThat(actual).as(where).isNull();
      return;
    }
    assertThat(actual).as(where).isNotNull();
    assertThat(actual.getClass()).as(where + " type").isEqualTo(expected.getClass());
    if (expected instanceof Double e) {
      double a = (Double) actual;
      assertThat(Math.abs(a - e) <= 1e-9 * Math.max(1.0, Math.abs(e)))
          .as(where + ": " + a + " within 1e-9 relative of " + e)
          .isTrue();
    } else if (expected instanceof BigDecimal e) {
      assertThat(((BigDecimal) actual).compareTo(e)).as(where + ": " + actual + " = " + e).isZero();
      assertThat(actual)
          .as(where + " is stripped of trailing zeros")
          .isEqualTo(e.stripTrailingZeros());
    } else {
      assertThat(actual).as(where).isEqualTo(expected);
    }
  }

  /** Asserts rows in order: time, dimension values and metric values (see {@link #assertValue}). */
  protected static void assertRows(List<MetricsRow> actual, List<MetricsRow> expected) {
    for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
      MetricsRow a = actual.get(i), e = expected.get(i);
      String where = "row " + i + " " + e.time() + " " + e.dimensions();
      assertThat(a.time()).as(where + " time").isEqualTo(e.time());
      assertThat(a.dimensions()).as(where + " dimensions").containsExactlyEntriesOf(e.dimensions());
      assertThat(a.values().keySet())
          .as(where + " aliases")
          .containsExactlyElementsOf(e.values().keySet());
      for (String alias : e.values().keySet()) {
        assertValue(where + " " + alias, a.values().get(alias), e.values().get(alias));
      }
    }
    assertThat(actual).as("row count").hasSameSizeAs(expected);
  }
}
