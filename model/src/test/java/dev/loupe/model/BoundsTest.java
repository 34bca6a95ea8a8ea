package dev.loupe.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bounds of what Loupe keeps, and the messages that name the field and why. */
class BoundsTest {
  static final Instant T = Instant.parse("2026-01-05T10:00:00Z");

  @Test
  void times_fromTheEpochUpTo2200() {
    assertThat(Bounds.time(Instant.EPOCH)).isNull();
    assertThat(Bounds.time(Instant.parse("2199-12-31T23:59:59.999999Z"))).isNull();
    assertThat(Bounds.time(Instant.parse("1969-12-31T23:59:59.999999Z")))
        .isEqualTo("1969-12-31T23:59:59.999999Z is before 1970-01-01T00:00:00Z");
    assertThat(Bounds.time(Instant.parse("2200-01-01T00:00:00Z")))
        .isEqualTo("2200-01-01T00:00:00Z is at or after 2200-01-01T00:00:00Z");
    assertThat(Bounds.time(Instant.MAX)).endsWith("is at or after 2200-01-01T00:00:00Z");
  }

  @Test
  void times_anyTwoWithinTheBoundsHaveADifferenceInNanosecondsThatFitsALong() {
    assertThat(Duration.between(Bounds.MIN_TIME, Bounds.END_TIME).toNanos()).isPositive();
    assertThat(Bounds.END_TIME.getEpochSecond() * 1_000_000_000L).isPositive(); // fits a long
  }

  @Test
  void costs_fromZeroToWhatDecimal18_12Holds() {
    assertThat(Bounds.cost(BigDecimal.ZERO)).isNull();
    assertThat(Bounds.cost(new BigDecimal("999999.999999999999"))).isNull();
    assertThat(Bounds.cost(new BigDecimal("1E-60"))).isNull();
    assertThat(Bounds.cost(new BigDecimal("1000000")))
        .isEqualTo("1000000 is above 999999.999999999999 USD");
    assertThat(Bounds.cost(new BigDecimal("-0.01"))).isEqualTo("-0.01 is negative");
    assertThat(Bounds.cost(new BigDecimal("1E-65")))
        .isEqualTo("1E-65 has more than 64 decimal places");
  }

  @Test
  void costs_withAHugeExponentAreJudgedAtOnce() {
    long t0 = System.nanoTime();
    assertThat(Bounds.cost(new BigDecimal("1e999999999"))).contains("is above");
    assertThat(Bounds.cost(new BigDecimal("1e-999999999"))).contains("decimal places");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void units_fromZeroToATrillion() {
    assertThat(Bounds.units(0)).isNull();
    assertThat(Bounds.units(Bounds.MAX_UNITS)).isNull();
    assertThat(Bounds.units(-1)).isEqualTo("-1 is negative");
    assertThat(Bounds.units(Long.MAX_VALUE))
        .isEqualTo("9223372036854775807 is above 1000000000000");
    // a sum of nine million maximal counts still fits a long
    assertThat(Math.multiplyHigh(Bounds.MAX_UNITS, 9_000_000L)).isZero();
  }

  @Test
  void ids_notBlankNotTooLongAndWellFormed() {
    assertThat(Bounds.id("a".repeat(800))).isNull();
    assertThat(Bounds.id("a".repeat(801))).isEqualTo("is 801 characters long, more than 800");
    assertThat(Bounds.id(" ")).isEqualTo("is blank");
    assertThat(Bounds.id("a\uD800b")).isEqualTo("contains an unpaired UTF-16 surrogate");
    assertThat(Bounds.id("emoji \uD83D\uDE00")).isNull();
  }

  @Test
  void isWellFormed_acceptsPairsAndRefusesLoneHalves() {
    assertThat(Bounds.isWellFormed("plain, \u00e9, \uD83D\uDE00")).isTrue();
    assertThat(Bounds.isWellFormed("\uD83D")).isFalse();
    assertThat(Bounds.isWellFormed("\uDE00\uD83D")).isFalse();
    assertThat(Bounds.isWellFormed("x\uDC00")).isFalse();
  }

  @Test
  void isWellFormed_findsALoneHalfAnywhereInLongText() {
    String text = "a".repeat(1_000) + "\u00e9" + "b".repeat(1_000);
    assertThat(Bounds.isWellFormed(text)).isTrue();
    for (int at : new int[] {0, 31, 32, 255, 256, 257, 511, 512, 1_500, text.length()}) {
      String high = text.substring(0, at) + "\uD83D" + text.substring(at);
      String low = text.substring(0, at) + "\uDE00" + text.substring(at);
      String pair = text.substring(0, at) + "\uD83D\uDE00" + text.substring(at);
      assertThat(Bounds.isWellFormed(high)).as("high half at %d", at).isFalse();
      assertThat(Bounds.isWellFormed(low)).as("low half at %d", at).isFalse();
      assertThat(Bounds.isWellFormed(pair)).as("pair at %d", at).isTrue();
    }
  }

  @Test
  void problems_nameEveryFieldOutOfBounds() {
    Observation o =
        Observation.builder("p", "o1", "t1", Instant.parse("0001-01-01T00:00:00Z"))
            .endTime(Instant.parse("2500-01-01T00:00:00Z"))
            .completionStartTime(T)
            .usageDetails(Map.of("input", -3L))
            .costDetails(Map.of("total", new BigDecimal("1E+7")))
            .promptName("p")
            .promptVersion(-1)
            .build();

    assertThat(Bounds.problems(o))
        .containsExactlyInAnyOrder(
            "startTime: 0001-01-01T00:00:00Z is before 1970-01-01T00:00:00Z",
            "endTime: 2500-01-01T00:00:00Z is at or after 2200-01-01T00:00:00Z",
            "usageDetails.input: -3 is negative",
            "costDetails.total: 10000000 is above 999999.999999999999 USD",
            "promptVersion: -1 is negative");
    assertThat(Bounds.problems(Observation.builder("p", "o1", "t1", T).build())).isEmpty();
    assertThat(
            Bounds.problems(
                Trace.builder("p", "t1", Instant.parse("1900-01-01T00:00:00Z")).build()))
        .containsExactly("timestamp: 1900-01-01T00:00:00Z is before 1970-01-01T00:00:00Z");
  }

  @Test
  void costProblems_nameOnlyTheCostFields() {
    Observation o =
        Observation.builder("p", "\uD800", "t1", Instant.parse("0001-01-01T00:00:00Z"))
            .usageDetails(Map.of("input", -3L))
            .costDetails(Map.of("total", new BigDecimal("1E+7"), "input", new BigDecimal("1")))
            .build();

    assertThat(Bounds.costProblems(o))
        .containsExactly("costDetails.total: 10000000 is above 999999.999999999999 USD");
    assertThat(
            Bounds.costProblems(
                o.toBuilder()
                    .costDetails(
                        Map.of("input", new BigDecimal("600000"), "x", new BigDecimal("600000")))
                    .build()))
        .containsExactly("costDetails: the total cost 1200000 is above 999999.999999999999 USD");
    assertThat(Bounds.costProblems(Observation.builder("p", "o1", "t1", T).build())).isEmpty();
  }

  @Test
  void problems_sumsOfCostsMustFitTooBecauseTheStoreKeepsThem() {
    Observation o =
        Observation.builder("p", "o1", "t1", T)
            .costDetails(
                Map.of(
                    "input", new BigDecimal("600000"),
                    "input_cached_tokens", new BigDecimal("600000")))
            .build();

    assertThat(Bounds.problems(o))
        .containsExactlyInAnyOrder(
            "costDetails: the total cost 1200000 is above 999999.999999999999 USD",
            "costDetails: the input cost 1200000 is above 999999.999999999999 USD");
  }
}
