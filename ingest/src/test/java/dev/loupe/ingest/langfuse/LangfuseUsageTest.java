package dev.loupe.ingest.langfuse;

import static dev.loupe.ingest.langfuse.Batches.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.ingest.langfuse.LangfuseBatchIngest.BatchResult;
import dev.loupe.model.CostSource;
import dev.loupe.model.Observation;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** usageDetails shapes, legacy usage, costDetails and legacy costs. */
class LangfuseUsageTest {

  @Test
  void usageDetails_openAiResponsesShape_detailsFlattenedAndSubtracted() {
    Observation g =
        generation(
            """
        "usageDetails": {"input_tokens": 500, "output_tokens": 200, "total_tokens": 700,
          "input_tokens_details": {"cached_tokens": 300}, "output_tokens_details": {"reasoning_tokens": 50}}""");

    assertThat(g.usageDetails())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "input",
                200L,
                "input_cached_tokens",
                300L,
                "output",
                150L,
                "output_reasoning_tokens",
                50L,
                "total",
                700L));
    assertThat(g.mappingNotes())
        .containsEntry(
            "usage",
            "usageDetails (OpenAI Responses shape: "
                + "input_cached_tokens subtracted from input, output_reasoning_tokens subtracted from output)");
  }

  @Test
  void usageDetails_openAiChatShape_detailsLargerThanTheCountLeaveZero_andNullDetailsAreSkipped() {
    Observation g =
        generation(
            """
        "usageDetails": {"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110,
          "prompt_tokens_details": {"cached_tokens": 120, "audio_tokens": null}}""");

    assertThat(g.usageDetails())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("input", 0L, "input_cached_tokens", 120L, "output", 10L, "total", 110L));
  }

  @Test
  void usageDetails_openAiChatShapeWithoutDetails_isRenamed() {
    Observation g =
        generation(
            """
        "usageDetails": {"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110}""");

    assertThat(g.usageDetails())
        .containsExactlyInAnyOrderEntriesOf(Map.of("input", 100L, "output", 10L, "total", 110L));
    assertThat(g.mappingNotes()).containsEntry("usage", "usageDetails (OpenAI Chat shape)");
  }

  @Test
  void usageDetails_incompleteOpenAiOrAnthropicKeys_mapToCanonicalBuckets() {
    Observation partial =
        generation(
            """
        "usageDetails": {"prompt_tokens": 10, "completion_tokens": 5}""");
    Observation anthropic =
        generation(
            """
        "usageDetails": {"input_tokens": 10, "output_tokens": 5, "cache_read_input_tokens": 7,
                         "cache_creation_input_tokens": 3, "cache_creation": {"ephemeral_1h_input_tokens": 1}}""");

    assertThat(partial.usageDetails())
        .containsExactlyInAnyOrderEntriesOf(Map.of("input", 10L, "output", 5L));
    assertThat(partial.mappingNotes()).containsEntry("usage", "usageDetails (OpenAI Chat shape)");
    // Anthropic's input_tokens already exclude cache reads and writes: nothing is subtracted
    assertThat(anthropic.usageDetails())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "input", 10L,
                "output", 5L,
                "input_cached_tokens", 7L,
                "input_cache_creation", 2L,
                "input_cache_creation_1h", 1L));
    assertThat(anthropic.mappingNotes().get("usage")).startsWith("usageDetails (Anthropic shape");
  }

  @Test
  void usageDetails_plainMap_keptAsIsWithoutNulls() {
    Observation g =
        generation(
            """
        "usageDetails": {"input": 10, "output": 20, "input_cached_tokens": 3, "total": null, "audio": 4.0}""");

    assertThat(g.usageDetails())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("input", 10L, "output", 20L, "input_cached_tokens", 3L, "audio", 4L));
  }

  @Test
  void legacyUsage_inputOutputTotalWithUnitAndCosts() {
    Observation g =
        generation(
            """
        "usage": {"input": 40, "output": 12, "total": 52, "unit": "CHARACTERS",
          "inputCost": 0.0004, "outputCost": 0.00024, "totalCost": 0.00064}""");

    assertThat(g.usageDetails())
        .containsExactlyInAnyOrderEntriesOf(Map.of("input", 40L, "output", 12L, "total", 52L));
    assertThat(g.costDetails())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "input",
                new BigDecimal("0.0004"),
                "output",
                new BigDecimal("0.00024"),
                "total",
                new BigDecimal("0.00064")));
    assertThat(g.costSource()).isEqualTo(CostSource.PROVIDED);
    assertThat(g.mappingNotes())
        .containsEntry("usage", "usage (legacy input/output/total, unit CHARACTERS)")
        .containsEntry("cost", "usage.inputCost/outputCost/totalCost (legacy)");
  }

  @Test
  void legacyUsage_openAiCamelCaseShape() {
    Observation g =
        generation(
            """
        "usage": {"promptTokens": 7, "completionTokens": 3}""");

    assertThat(g.usageDetails())
        .containsExactlyInAnyOrderEntriesOf(Map.of("input", 7L, "output", 3L));
    assertThat(g.mappingNotes())
        .containsEntry("usage", "usage (legacy promptTokens/completionTokens/totalTokens)");
    assertThat(g.costSource()).isEqualTo(CostSource.NONE);
  }

  @Test
  void usageDetailsAndCostDetails_winOverLegacyUsage() {
    Observation g =
        generation(
            """
        "usage": {"input": 1, "output": 1, "inputCost": 9},
        "usageDetails": {"input": 30, "output": 5},
        "costDetails": {"input": 0.00003, "output": 0.00002, "total": 0.00005}""");

    assertThat(g.usageDetails())
        .containsExactlyInAnyOrderEntriesOf(Map.of("input", 30L, "output", 5L));
    assertThat(g.costDetails())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "input",
                new BigDecimal("0.00003"),
                "output",
                new BigDecimal("0.00002"),
                "total",
                new BigDecimal("0.00005")));
    assertThat(g.totalCost()).isEqualTo(new BigDecimal("0.00005"));
    assertThat(g.mappingNotes())
        .containsEntry("usage", "usageDetails")
        .containsEntry("cost", "costDetails");
  }

  @Test
  void emptyUsageDetailsAndCostDetails_fallBackToLegacyUsage() {
    Observation g =
        generation(
            """
        "usage": {"input": 4, "totalCost": 2.50}, "usageDetails": {}, "costDetails": {}""");

    assertThat(g.usageDetails()).containsExactlyInAnyOrderEntriesOf(Map.of("input", 4L));
    assertThat(g.costDetails())
        .containsExactlyInAnyOrderEntriesOf(Map.of("total", new BigDecimal("2.5")));
  }

  @Test
  void costDetails_integersAndZeroAreKept_withProvidedSource() {
    Observation g =
        generation(
            """
        "costDetails": {"input": 0, "output": 2, "cache": null}""");

    assertThat(g.costDetails())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("input", BigDecimal.ZERO, "output", new BigDecimal("2")));
    assertThat(g.costSource()).isEqualTo(CostSource.PROVIDED);
  }

  @Test
  void noUsageNoCost_emptyMapsAndNoNotes() {
    Observation g = generation("\"model\": \"gpt-4o\"");

    assertThat(g.usageDetails()).isEmpty();
    assertThat(g.costDetails()).isEmpty();
    assertThat(g.costSource()).isEqualTo(CostSource.NONE);
    assertThat(g.mappingNotes()).doesNotContainKeys("usage", "cost");
  }

  private static Observation generation(String fields) {
    BatchResult result =
        Batches.ingest(
            event(
                "e1",
                "generation-create",
                "{\"id\": \"gen\", \"traceId\": \"t\", " + fields + "}"));
    assertThat(result.errors()).isEmpty();
    return result.toStore().observations().getFirst();
  }
}
