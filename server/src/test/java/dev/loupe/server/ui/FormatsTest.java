package dev.loupe.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** One way to write costs and counts on every page. */
class FormatsTest {

  @Test
  void money_centsFromADollar_threeSignificantDigitsBelow() {
    assertThat(Formats.money(new BigDecimal("0.003190725"))).isEqualTo("$0.00319");
    assertThat(Formats.money(new BigDecimal("7.758752113"))).isEqualTo("$7.76");
    assertThat(Formats.money(new BigDecimal("0.29564"))).isEqualTo("$0.296");
    assertThat(Formats.money(new BigDecimal("1.96"))).isEqualTo("$1.96");
    assertThat(Formats.money(new BigDecimal("4617.771"))).isEqualTo("$4,617.77");
    assertThat(Formats.money(new BigDecimal("0.000275"))).isEqualTo("$0.000275");
    assertThat(Formats.money(BigDecimal.ZERO)).isEqualTo("$0");
    assertThat(Formats.money(null)).isEmpty();
  }

  @Test
  void counts_areGroupedAndAgreeWithTheirNoun() {
    assertThat(Formats.count(1, "trace", "traces")).isEqualTo("1 trace");
    assertThat(Formats.count(19970, "trace", "traces")).isEqualTo("19,970 traces");
    assertThat(Formats.count(0, "trace", "traces")).isEqualTo("0 traces");
  }

  @Test
  void counts_groupedAsTheFormatterWouldGroupThem() {
    for (long n :
        new long[] {0, 7, 999, 1000, -1000, 999_999, 1_000_000, -123_456_789, Long.MAX_VALUE}) {
      assertThat(Formats.count(n)).as("%d", n).isEqualTo(String.format("%,d", n));
    }
    assertThat(Formats.count(Long.MIN_VALUE)).isEqualTo(String.format("%,d", Long.MIN_VALUE));
  }

  @Test
  void times_asTheFormattersWriteThem() {
    DateTimeFormatter utc =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    for (String iso :
        new String[] {
          "2026-12-05T06:44:34.858Z",
          "2026-01-02T03:04:05Z",
          "1970-01-01T00:00:00.000999Z",
          "0001-02-03T00:00:00.1Z",
          "9999-12-31T23:59:59.999999999Z"
        }) {
      Instant t = Instant.parse(iso);
      assertThat(Formats.time(t)).isEqualTo(utc.format(t));
      assertThat(Formats.iso(t))
          .isEqualTo(
              DateTimeFormatter.ISO_INSTANT.format(
                  t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
    }
    assertThat(Formats.iso(Instant.parse("2026-12-05T06:44:34.858123Z")))
        .isEqualTo("2026-12-05T06:44:34.858Z");
    assertThat(Formats.time(Instant.parse("+12026-01-01T00:00:00Z"))).startsWith("+12026-01-01");
  }

  @Test
  void latency_millisecondsUnderASecond_elseSecondsWithTwoDecimals() {
    assertThat(Formats.latency(Duration.ofMillis(350))).isEqualTo("350 ms");
    assertThat(Formats.latency(Duration.ofMillis(1500))).isEqualTo("1.50 s");
    assertThat(Formats.latency(Duration.ofNanos(6_974_999_000L))).isEqualTo("6.97 s");
    assertThat(Formats.latency(Duration.ofNanos(6_975_000_000L))).isEqualTo("6.98 s");
    assertThat(Formats.latency(Duration.ofHours(30))).isEqualTo("108000.00 s");
    assertThat(Formats.latency(null)).isEmpty();
  }

  @Test
  void pathSegment_encodesAllButLettersDigitsAndDashes() {
    assertThat(Formats.pathSegment("88e841cfce1d3e08316c8f8ee07a2a3d"))
        .isEqualTo("88e841cfce1d3e08316c8f8ee07a2a3d");
    assertThat(Formats.pathSegment("a b/c+d~é")).isEqualTo("a%20b%2Fc%2Bd%7E%C3%A9");
  }
}
