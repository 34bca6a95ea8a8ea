package dev.loupe.ingest.langfuse;

import static dev.loupe.ingest.langfuse.Batches.EVENT_TIME;
import static dev.loupe.ingest.langfuse.Batches.PROJECT;
import static dev.loupe.ingest.langfuse.Batches.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.ingest.langfuse.LangfuseBatchIngest.BatchResult;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Observation types per event, trace id and start time defaults, payload shapes. */
class LangfuseObservationEventsTest {

  @ParameterizedTest
  @CsvSource({
    "span-create, SPAN",
    "span-update, SPAN",
    "generation-create, GENERATION",
    "generation-update, GENERATION",
    "event-create, EVENT",
    "agent-create, AGENT",
    "tool-create, TOOL",
    "chain-create, CHAIN",
    "retriever-create, RETRIEVER",
    "evaluator-create, EVALUATOR",
    "embedding-create, EMBEDDING",
    "guardrail-create, GUARDRAIL"
  })
  void eventType_givesTheObservationType(String eventType, ObservationType expected) {
    Observation o =
        only(Batches.ingest(event("e1", eventType, "{\"id\": \"o\", \"traceId\": \"t\"}")));

    assertThat(o.type()).isEqualTo(expected);
    assertThat(o.mappingNotes()).containsEntry("type", "ingestion event " + eventType);
  }

  @Test
  void legacyObservationCreate_takesTheTypeFromTheBody() {
    Observation o =
        only(
            Batches.ingest(
                event(
                    "e1",
                    "observation-create",
                    "{\"id\": \"o\", \"traceId\": \"t\", \"type\": \"GENERATION\"}")));

    assertThat(o.type()).isEqualTo(ObservationType.GENERATION);
    assertThat(o.mappingNotes())
        .containsEntry("type", "ingestion event observation-create (body.type GENERATION)");
  }

  @Test
  void createWithoutTraceId_usesTheObservationIdAndCreatesThatTrace() {
    BatchResult result = Batches.ingest(event("e1", "generation-create", "{\"id\": \"gen-9\"}"));

    Observation o = only(result);
    assertThat(o.traceId()).isEqualTo("gen-9");
    assertThat(o.mappingNotes())
        .containsEntry(
            "traceId", "missing on generation-create: the observation id is used as trace id")
        .containsEntry("startTime", "event timestamp (no body.startTime)");
    assertThat(o.startTime()).isEqualTo(EVENT_TIME);
    assertThat(result.toStore().traces())
        .containsExactly(Trace.builder(PROJECT, "gen-9", EVENT_TIME).build());
  }

  @Test
  void updateWithoutTraceId_takesTheTraceIdOfAnEarlierEventInTheBatch() {
    BatchResult result =
        Batches.ingest(
            event("e1", "span-create", "{\"id\": \"s\", \"traceId\": \"trace-x\"}"),
            event("e2", "span-update", "{\"id\": \"s\", \"endTime\": \"2024-05-01T12:00:05Z\"}"));

    Observation update = result.toStore().observations().get(1);
    assertThat(update.traceId()).isEqualTo("trace-x");
    assertThat(update.mappingNotes())
        .containsEntry(
            "traceId", "missing on span-update: taken from an earlier event of the batch")
        .doesNotContainKey("startTime");
    assertThat(result.toStore().traces())
        .extracting(Trace::id)
        .containsExactly("trace-x", "trace-x");
  }

  @Test
  void updateOfAnUnseenId_startsAtTheEventTimestamp() {
    Observation o =
        only(
            Batches.ingest(
                event(
                    "e1",
                    "span-update",
                    "{\"id\": \"s\", \"traceId\": \"t\", \"endTime\": \"2024-05-01T12:00:05Z\", \"level\": \"error\"}")));

    assertThat(o.startTime()).isEqualTo(EVENT_TIME);
    assertThat(o.endTime()).isEqualTo(Instant.parse("2024-05-01T12:00:05Z"));
    assertThat(o.level()).isEqualTo(Level.ERROR);
  }

  @Test
  void payloads_areCompactJsonText_andNonObjectMetadataIsWrapped() {
    Observation o =
        only(
            Batches.ingest(
                event(
                    "e1",
                    "span-create",
                    """
        {"id": "s", "traceId": "t", "input": "plain text", "output": 42, "metadata": ["a", "b"]}""")));

    assertThat(o.input()).isEqualTo("\"plain text\"");
    assertThat(o.output()).isEqualTo("42");
    assertThat(o.metadata()).isEqualTo("{\"metadata\":[\"a\",\"b\"]}");
  }

  @Test
  void timestamps_withOffsetsAndNanos_becomeUtcMicros() {
    Observation o =
        only(
            Batches.ingest(
                event(
                    "e1",
                    "span-create",
                    """
        {"id": "s", "traceId": "t", "startTime": "2024-05-01T14:00:00.123456789+02:00"}""")));

    assertThat(o.startTime()).isEqualTo(Instant.parse("2024-05-01T12:00:00.123456Z"));
  }

  @Test
  void traceCreate_withoutTimestamp_usesTheEventTimestamp_andPublicIsKept() {
    BatchResult result =
        Batches.ingest(event("e1", "trace-create", "{\"id\": \"t\", \"public\": true}"));

    assertThat(result.toStore().traces())
        .containsExactly(Trace.builder(PROJECT, "t", EVENT_TIME).isPublic(true).build());
  }

  private static Observation only(BatchResult result) {
    assertThat(result.errors()).isEmpty();
    assertThat(result.toStore().observations()).hasSize(1);
    return result.toStore().observations().getFirst();
  }
}
