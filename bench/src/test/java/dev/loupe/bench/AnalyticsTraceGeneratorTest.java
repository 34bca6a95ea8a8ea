package dev.loupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.storage.WriteBatch;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnalyticsTraceGeneratorTest {
  static final AnalyticsDataset DATA =
      new AnalyticsDataset(
          100_000, 30, 40, 5_000, 50_000, 42, Instant.parse("2026-11-24T00:00:00Z"));

  @Test
  void block_sameSeedAndFirstIndexGiveTheSameRows() {
    WriteBatch a = new AnalyticsTraceGenerator(DATA).block(1_024, 64);
    WriteBatch b = new AnalyticsTraceGenerator(DATA).block(1_024, 64);

    assertThat(a).isEqualTo(b);
    assertThat(a.traces()).hasSize(64);
    assertThat(a.size()).isEqualTo(64 * AnalyticsTraceGenerator.ROWS_PER_TRACE);
  }

  @Test
  void block_eachTraceHasARootSpanFiveGenerationsAndATool() {
    WriteBatch batch = new AnalyticsTraceGenerator(DATA).block(0, 10);
    String traceId = batch.traces().get(3).id();
    List<Observation> own =
        batch.observations().stream().filter(o -> o.traceId().equals(traceId)).toList();

    assertThat(own)
        .extracting(Observation::type)
        .containsOnly(ObservationType.SPAN, ObservationType.GENERATION, ObservationType.TOOL);
    assertThat(own.stream().filter(o -> o.type() == ObservationType.GENERATION)).hasSize(5);
    String root =
        own.stream().filter(o -> o.parentObservationId() == null).findFirst().orElseThrow().id();
    assertThat(own.stream().filter(o -> root.equals(o.parentObservationId()))).hasSize(6);
  }

  @Test
  void generations_usageBucketsAddUpAndCostIsCalculatedFromThem() {
    List<Observation> generations = generations(2_000);

    for (Observation g : generations) {
      assertThat(g.usageDetails().get("total")).isEqualTo(g.inputTokens() + g.outputTokens());
      BigDecimal parts =
          g.costDetails().entrySet().stream()
              .filter(e -> !e.getKey().equals("total"))
              .map(java.util.Map.Entry::getValue)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(g.totalCost()).isEqualByComparingTo(parts);
      assertThat(g.costSource()).isEqualTo(CostSource.CALCULATED);
    }
    assertThat(generations).anyMatch(g -> g.cachedInputTokens() > 0);
    assertThat(generations).anyMatch(g -> g.reasoningTokens() > 0);
    assertThat(generations).anyMatch(g -> g.model().contains("/"));
  }

  @Test
  void generations_about2PercentFailWithAStatusAndMostSuccessesStream() {
    List<Observation> generations = generations(8_000);
    long errors = generations.stream().filter(g -> g.level() == Level.ERROR).count();
    long streamed = generations.stream().filter(g -> g.completionStartTime() != null).count();

    assertThat(errors / (double) generations.size()).isBetween(0.012, 0.03);
    assertThat(generations.stream().filter(g -> g.level() == Level.ERROR))
        .allMatch(g -> g.statusMessage() != null && g.output() == null);
    assertThat(streamed / (double) (generations.size() - errors)).isBetween(0.8, 0.9);
  }

  @Test
  void block_everyObservationStartsAndEndsInsideTheWindow() {
    long last = DATA.traces() - 1_000;
    WriteBatch end = new AnalyticsTraceGenerator(DATA).block(last, 1_000);

    assertThat(end.observations())
        .allMatch(o -> !o.startTime().isBefore(DATA.start()) && o.endTime().isBefore(DATA.end()));
  }

  @Test
  void traceIds_areDistinct() {
    Set<String> ids = new HashSet<>();
    for (long i = 0; i < 200_000; i++) ids.add(Ids.traceId(42, i));
    assertThat(ids).hasSize(200_000);
    assertThat(Ids.traceId(42, 7)).hasSize(32).matches("[0-9a-f]+");
    assertThat(Ids.spanId(42, 7, 3)).hasSize(16).isNotEqualTo(Ids.spanId(42, 7, 4));
  }

  private static List<Observation> generations(int traces) {
    return new AnalyticsTraceGenerator(DATA)
        .block(0, traces).observations().stream()
            .filter(o -> o.type() == ObservationType.GENERATION)
            .toList();
  }
}
