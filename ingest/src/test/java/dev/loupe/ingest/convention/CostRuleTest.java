package dev.loupe.ingest.convention;

import static dev.loupe.ingest.convention.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.CostSource;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostRuleTest {
  @Test
  void langfuseCostDetails_areProvidedAndKeepTheirDigits() {
    var r =
        CostRule.apply(
            span("x")
                .attr(
                    "langfuse.observation.cost_details",
                    "{\"input\":0.000105,\"output\":0.0001700000000000001,\"total\":0.0002750000000000001}")
                .view());
    assertThat(r.costSource()).isEqualTo(CostSource.PROVIDED);
    assertThat(r.costs())
        .isEqualTo(
            Map.of(
                "input",
                new BigDecimal("0.000105"),
                "output",
                new BigDecimal("0.0001700000000000001"),
                "total",
                new BigDecimal("0.0002750000000000001")));
    assertThat(r.source()).isEqualTo("langfuse.observation.cost_details");
  }

  @Test
  void genAiUsageCost_isTheTotal() {
    var r = CostRule.apply(span("x").attr("gen_ai.usage.cost", 0.0123).view());
    assertThat(r.costs()).isEqualTo(Map.of("total", new BigDecimal("0.0123")));
    assertThat(r.costSource()).isEqualTo(CostSource.PROVIDED);
  }

  @Test
  void openInferenceCosts_mapToInputOutputTotal() {
    var r =
        CostRule.apply(
            span("x")
                .attr("llm.cost.prompt", "0.001")
                .attr("llm.cost.completion", 0.002)
                .attr("llm.cost.total", 0.003)
                .view());
    assertThat(r.costs())
        .isEqualTo(
            Map.of(
                "input",
                new BigDecimal("0.001"),
                "output",
                new BigDecimal("0.002"),
                "total",
                new BigDecimal("0.003")));
  }

  @Test
  void noCost_isSourceNone() {
    var r = CostRule.apply(span("x").attr("gen_ai.usage.input_tokens", 10L).view());
    assertThat(r.costs()).isEmpty();
    assertThat(r.costSource()).isEqualTo(CostSource.NONE);
    assertThat(r.source()).isNull();
  }

  @Test
  void nonNumericCostEntries_areIgnored() {
    var r =
        CostRule.apply(
            span("x")
                .attr("langfuse.observation.cost_details", "{\"total\":\"n/a\"}")
                .attr("gen_ai.usage.cost", "0.5")
                .view());
    assertThat(r.costs()).isEqualTo(Map.of("total", new BigDecimal("0.5")));
  }
}
