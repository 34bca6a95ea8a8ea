package dev.loupe.ingest.langfuse;

import static dev.loupe.ingest.langfuse.Batches.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.ingest.langfuse.LangfuseBatchIngest.BatchResult;
import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A batch as the Langfuse Python/JS SDK v2 sends it, mapped field by field. */
class LangfuseBatchIngestTest {
  final BatchResult result =
      new LangfuseBatchIngest().ingest(PROJECT, Batches.resource("sdk-v2-batch.json"));

  @Test
  void sdkBatch_everyEventSucceeds() {
    assertThat(result.errors()).isEmpty();
    assertThat(result.toStore().rejected()).isEmpty();
    assertThat(result.successes())
        .containsExactly(
            "evt-01", "evt-02", "evt-03", "evt-04", "evt-05", "evt-06", "evt-07", "evt-08");
  }

  @Test
  void traceCreate_mapsEveryField() {
    assertThat(result.toStore().traces().getFirst())
        .isEqualTo(
            Trace.builder(PROJECT, "trace-1", t("12:00:00"))
                .name("support-chat")
                .userId("user-42")
                .sessionId("session-7")
                .tags(List.of("chat", "beta"))
                .input("{\"question\":\"How do I reset my password?\"}")
                .metadata("{\"tenant\":\"acme\",\"plan\":\"pro\"}")
                .environment("production")
                .release("v1.4.0")
                .version("2")
                .build());
  }

  @Test
  void traceCreate_again_isAnUpdateStampedWithTheEventTime() {
    Trace update = result.toStore().traces().getLast();
    assertThat(update)
        .isEqualTo(
            Trace.builder(PROJECT, "trace-1", t("12:00:02.950"))
                .output("{\"answer\":\"Open Settings > Security and choose 'Reset password'.\"}")
                .environment("production")
                .build());

    Trace merged = result.toStore().traces().stream().reduce(Trace::mergedWith).orElseThrow();
    assertThat(merged.name()).isEqualTo("support-chat");
    assertThat(merged.timestamp()).isEqualTo(t("12:00:00"));
    assertThat(merged.input()).isEqualTo("{\"question\":\"How do I reset my password?\"}");
    assertThat(merged.output()).isEqualTo(update.output());
  }

  @Test
  void everyObservation_emitsAShallowTraceAtItsStart() {
    List<Trace> traces = result.toStore().traces();
    assertThat(traces).hasSize(8);
    assertThat(traces.subList(1, 7))
        .containsExactly(
            shallow("12:00:00.100"),
            shallow("12:00:00.400"),
            shallow("12:00:01.210"),
            shallow("12:00:01.300"),
            shallow("12:00:02.900"),
            shallow("12:00:01.250"));
  }

  @Test
  void spanCreate_mapsEveryField() {
    assertThat(observation(0))
        .isEqualTo(
            Observation.builder(PROJECT, "span-1", "trace-1", t("12:00:00.100"))
                .type(ObservationType.SPAN)
                .name("retrieve-context")
                .endTime(t("12:00:00.350"))
                .input("{\"query\":\"reset password\"}")
                .output("[{\"doc\":\"kb-12\",\"score\":0.91}]")
                .metadata("{\"index\":\"kb-v3\"}")
                .environment("production")
                .mappingNotes(Map.of("type", "ingestion event span-create"))
                .build());
  }

  @Test
  void generationCreate_openAiChatUsage_detailsFlattenedAndSubtracted() {
    assertThat(observation(1))
        .isEqualTo(
            Observation.builder(PROJECT, "gen-1", "trace-1", t("12:00:00.400"))
                .type(ObservationType.GENERATION)
                .parentObservationId("span-1")
                .name("plan")
                .completionStartTime(t("12:00:00.650"))
                .endTime(t("12:00:01.200"))
                .model("gpt-4o-mini")
                .modelParameters(
                    "{\"temperature\":0.2,\"max_tokens\":512,\"tool_choice\":\"auto\"}")
                .input(
                    "[{\"role\":\"system\",\"content\":\"You are a support agent.\"},"
                        + "{\"role\":\"user\",\"content\":\"How do I reset my password?\"}]")
                .output(
                    "{\"role\":\"assistant\",\"tool_calls\":[{\"name\":\"lookup_account\","
                        + "\"arguments\":\"{\\\"user\\\":\\\"user-42\\\"}\"}]}")
                .usageDetails(
                    Map.of(
                        "input",
                        176L,
                        "input_cached_tokens",
                        1024L,
                        "input_audio_tokens",
                        0L,
                        "output",
                        172L,
                        "output_reasoning_tokens",
                        128L,
                        "output_audio_tokens",
                        0L,
                        "output_accepted_prediction_tokens",
                        0L,
                        "output_rejected_prediction_tokens",
                        0L,
                        "total",
                        1500L))
                .promptName("support-plan")
                .promptVersion(3)
                .environment("production")
                .mappingNotes(
                    Map.of(
                        "type",
                        "ingestion event generation-create",
                        "usage",
                        "usageDetails (OpenAI Chat shape: input_cached_tokens subtracted from input, "
                            + "output_reasoning_tokens subtracted from output)"))
                .build());
  }

  @Test
  void toolCreate_isATool() {
    assertThat(observation(2))
        .isEqualTo(
            Observation.builder(PROJECT, "tool-1", "trace-1", t("12:00:01.210"))
                .type(ObservationType.TOOL)
                .parentObservationId("gen-1")
                .name("lookup_account")
                .endTime(t("12:00:01.290"))
                .input("{\"user\":\"user-42\"}")
                .output("{\"status\":\"active\",\"mfa\":true}")
                .environment("production")
                .mappingNotes(Map.of("type", "ingestion event tool-create"))
                .build());
  }

  @Test
  void generationUpdate_carriesEndOutputAndLegacyUsage_startingAtTheEventTime() {
    assertThat(observation(4))
        .isEqualTo(
            Observation.builder(PROJECT, "gen-2", "trace-1", t("12:00:02.900"))
                .type(ObservationType.GENERATION)
                .endTime(t("12:00:02.875"))
                .completionStartTime(t("12:00:01.725"))
                .output("\"Open Settings > Security and choose 'Reset password'.\"")
                .usageDetails(Map.of("input", 850L, "output", 120L, "total", 970L))
                .environment("production")
                .mappingNotes(
                    Map.of(
                        "type", "ingestion event generation-update",
                        "usage", "usage (legacy promptTokens/completionTokens/totalTokens)"))
                .build());
  }

  @Test
  void generationCreateThenUpdate_mergeIntoOneCompletedGeneration() {
    Observation merged = observation(3).mergedWith(observation(4));
    assertThat(merged.startTime()).isEqualTo(t("12:00:01.300"));
    assertThat(merged.latency()).isEqualTo(Duration.ofMillis(1575));
    assertThat(merged.timeToFirstToken()).isEqualTo(Duration.ofMillis(425));
    assertThat(merged.model()).isEqualTo("gpt-4o-mini");
    assertThat(merged.modelParameters()).isEqualTo("{\"temperature\":0.2,\"stop\":[\"END\"]}");
    assertThat(merged.input())
        .isEqualTo("[{\"role\":\"user\",\"content\":\"How do I reset my password?\"}]");
    assertThat(merged.usageDetails())
        .containsExactlyInAnyOrderEntriesOf(Map.of("input", 850L, "output", 120L, "total", 970L));
    assertThat(merged.costSource()).isEqualTo(CostSource.NONE);
  }

  @Test
  void eventCreate_keepsLevelAndStatus() {
    assertThat(observation(5))
        .isEqualTo(
            Observation.builder(PROJECT, "event-1", "trace-1", t("12:00:01.250"))
                .type(ObservationType.EVENT)
                .parentObservationId("tool-1")
                .name("rate-limit-retry")
                .level(Level.WARNING)
                .statusMessage("429 from provider, retried after 200ms")
                .metadata("{\"attempt\":2}")
                .environment("production")
                .mappingNotes(Map.of("type", "ingestion event event-create"))
                .build());
  }

  private Observation observation(int index) {
    assertThat(result.toStore().observations()).hasSize(6);
    return result.toStore().observations().get(index);
  }

  private static Trace shallow(String time) {
    return Trace.builder(PROJECT, "trace-1", t(time)).environment("production").build();
  }

  private static Instant t(String time) {
    return Instant.parse("2024-05-01T" + time + "Z");
  }
}
