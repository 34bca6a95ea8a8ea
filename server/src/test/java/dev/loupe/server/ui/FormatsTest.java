package dev.loupe.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
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
}
