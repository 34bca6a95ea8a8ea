package dev.loupe.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The derived measures of any observation the model holds, even one stored before the bounds
 * existed: they never throw and never wrap around.
 */
class ObservationMeasuresTest {
  static final Instant YEAR_1 = Instant.parse("0001-01-01T00:00:00Z");
  static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

  @Test
  void outputTokensPerSecond_ofTwoThousandYearsIsAFiniteNumber() {
    Observation o =
        Observation.builder("p", "o", "t", YEAR_1)
            .endTime(NOW)
            .usageDetails(Map.of("output", 1_000L))
            .build();

    assertThat(o.latency()).isEqualTo(Duration.between(YEAR_1, NOW));
    assertThat(o.outputTokensPerSecond()).isPositive().isLessThan(1e-6);
  }

  @Test
  void outputTokensPerSecond_ofTheFarthestInstantsIsZeroNotAnError() {
    Observation o =
        Observation.builder("p", "o", "t", Instant.MIN)
            .endTime(Instant.MAX)
            .usageDetails(Map.of("output", 5L))
            .build();

    assertThat(o.outputTokensPerSecond()).isNotNull().isGreaterThanOrEqualTo(0.0);
  }

  @Test
  void outputTokensPerSecond_isExactForAnOrdinarySpan() {
    Observation o =
        Observation.builder("p", "o", "t", NOW)
            .endTime(NOW.plusMillis(1_250))
            .usageDetails(Map.of("output", 50L))
            .build();

    assertThat(o.outputTokensPerSecond()).isEqualTo(40.0);
  }

  @Test
  void tokenSums_saturateInsteadOfWrappingNegative() {
    Observation o =
        Observation.builder("p", "o", "t", NOW)
            .usageDetails(
                Map.of(
                    "input", Long.MAX_VALUE,
                    "input_cached_tokens", Long.MAX_VALUE,
                    "output", Long.MAX_VALUE,
                    "output_reasoning_tokens", 1L))
            .build();

    assertThat(o.inputTokens()).isEqualTo(Long.MAX_VALUE);
    assertThat(o.outputTokens()).isEqualTo(Long.MAX_VALUE);
    assertThat(o.totalTokens()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void times_toMicrosSaturatesAndFromEpochNanosReadsOtlpsUnsignedNanos() {
    assertThat(Times.toMicros(Duration.between(Instant.MIN, Instant.MAX)))
        .isEqualTo(Long.MAX_VALUE);
    assertThat(Times.toMicros(Duration.between(Instant.MAX, Instant.MIN)))
        .isEqualTo(Long.MIN_VALUE);
    assertThat(Times.toMicros(Duration.ofMillis(1_250))).isEqualTo(1_250_000);
    assertThat(Times.fromEpochNanos(-1L)).isEqualTo(Instant.parse("2554-07-21T23:34:33.709551Z"));
    assertThat(Times.fromEpochNanos(1_767_225_600_000_000_123L))
        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void saturating_addStopsAtTheEnds() {
    assertThat(Saturating.add(Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
    assertThat(Saturating.add(Long.MIN_VALUE, -1)).isEqualTo(Long.MIN_VALUE);
    assertThat(Saturating.add(40, 2)).isEqualTo(42);
  }
}
