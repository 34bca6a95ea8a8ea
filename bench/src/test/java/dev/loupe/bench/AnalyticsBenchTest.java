package dev.loupe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyticsBenchTest {
  @TempDir Path dir;

  @Test
  void run_smallDataSetAnswersEveryQueryAndEveryCheckPasses() throws Exception {
    Map<String, String> opt =
        Map.of("generations", "3000", "data-dir", dir.toString(), "runs", "1", "lookups", "5");

    List<String> first = AnalyticsBench.run(opt);

    // six queries over the whole window, the three by-day ones again over a window cut mid-day
    assertThat(first).filteredOn(l -> l.startsWith("query (")).hasSize(9);
    assertThat(first).filteredOn(l -> l.startsWith("check     : ok")).hasSize(4);
    assertThat(first).noneMatch(l -> l.contains("MISMATCH"));
    assertThat(dir.resolve(AnalyticsDataset.MANIFEST)).exists();

    Map<String, String> again = new java.util.HashMap<>(opt);
    again.put("reuse", "true");
    List<String> reused = AnalyticsBench.run(again);
    assertThat(reused).anyMatch(l -> l.startsWith("generate  : skipped"));
    assertThat(reused).noneMatch(l -> l.contains("MISMATCH"));
  }

  @Test
  void run_refusesADirectoryWithOtherDataUnlessReused() throws Exception {
    AnalyticsBench.run(
        Map.of("generations", "500", "data-dir", dir.toString(), "runs", "1", "lookups", "1"));

    assertThatThrownBy(
            () -> AnalyticsBench.run(Map.of("generations", "500", "data-dir", dir.toString())))
        .hasMessageContaining("add --reuse");
    assertThatThrownBy(
            () ->
                AnalyticsBench.run(
                    Map.of("generations", "600", "data-dir", dir.toString(), "reuse", "true")))
        .hasMessageContaining("--reuse");
  }

  @Test
  void cost_isTokensTimesThePricePerMillion() {
    BenchModel gpt4o = ModelCatalog.ALL.get(1);

    assertThat(gpt4o.name()).isEqualTo("gpt-4o");
    assertThat(BenchModel.cost(1_000_000, gpt4o.inputPerMillion())).isEqualByComparingTo("2.50");
    Map<String, BigDecimal> cost = GenerationFactory.cost(gpt4o, 1_000, 2_000, 500, 0);

    assertThat(cost.get("input")).isEqualByComparingTo("0.0025");
    assertThat(cost.get("input_cached_tokens")).isEqualByComparingTo("0.0025");
    assertThat(cost.get("output")).isEqualByComparingTo("0.005");
    assertThat(cost.get("total")).isEqualByComparingTo("0.01");
    assertThat(cost).doesNotContainKey("output_reasoning_tokens");
  }
}
