package dev.loupe.ingest.langfuse;

import static dev.loupe.ingest.langfuse.Batches.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.loupe.ingest.IngestResult;
import dev.loupe.ingest.langfuse.LangfuseBatchIngest.BatchResult;
import dev.loupe.ingest.langfuse.LangfuseBatchIngest.EventError;
import dev.loupe.model.Observation;
import dev.loupe.model.ScoreDataType;
import dev.loupe.model.ScoreInput;
import dev.loupe.model.ScoreSource;
import dev.loupe.model.ScoreTarget;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each invalid event gets its own error naming the field; the good events around it still come out.
 */
class LangfuseEventValidationTest {
  static final String GOOD_BEFORE =
      event("good-1", "span-create", "{\"id\": \"span-a\", \"traceId\": \"t\"}");
  static final String GOOD_AFTER =
      event("good-2", "span-create", "{\"id\": \"span-b\", \"traceId\": \"t\"}");

  static Stream<Arguments> invalidEvents() {
    return Stream.of(
        arguments(
            "{\"type\": \"span-create\", \"timestamp\": \"2024-05-01T12:00:00Z\", \"body\": {\"id\": \"s\"}}",
            "batch[1]",
            "id: is required"),
        arguments(
            "{\"id\": \" \", \"type\": \"span-create\", \"timestamp\": \"2024-05-01T12:00:00Z\", "
                + "\"body\": {\"id\": \"s\"}}",
            "batch[1]",
            "id: must not be blank"),
        arguments(
            "{\"id\": 42, \"type\": \"span-create\", \"timestamp\": \"2024-05-01T12:00:00Z\", "
                + "\"body\": {\"id\": \"s\"}}",
            "batch[1]",
            "id: must be a string, got number 42"),
        arguments(
            "\"span-create\"",
            "batch[1]",
            "event: must be a JSON object, got string \"span-create\""),
        arguments(
            "{\"id\": \"e\", \"timestamp\": \"2024-05-01T12:00:00Z\", \"body\": {\"id\": \"s\"}}",
            "e",
            "type: is required"),
        arguments(
            event("e", "span-upsert", "{\"id\": \"s\"}"),
            "e",
            "type: unknown event type 'span-upsert', expected one of trace-create, span-create, span-update, "
                + "generation-create, generation-update, event-create, agent-create, tool-create, chain-create, "
                + "retriever-create, evaluator-create, embedding-create, guardrail-create, observation-create, "
                + "observation-update, score-create, sdk-log"),
        arguments(
            "{\"id\": \"e\", \"type\": \"span-create\", \"body\": {\"id\": \"s\"}}",
            "e",
            "timestamp: is required"),
        arguments(
            "{\"id\": \"e\", \"type\": \"span-create\", \"timestamp\": \"yesterday\", \"body\": {\"id\": \"s\"}}",
            "e",
            "timestamp: must be an ISO 8601 date-time with offset such as 2024-05-01T12:00:00.000Z, "
                + "got string \"yesterday\""),
        arguments(
            "{\"id\": \"e\", \"type\": \"span-create\", \"timestamp\": \"2024-05-01T12:00:00\", "
                + "\"body\": {\"id\": \"s\"}}",
            "e",
            "timestamp: must be an ISO 8601 date-time with offset such as "
                + "2024-05-01T12:00:00.000Z, got string \"2024-05-01T12:00:00\""),
        arguments(
            "{\"id\": \"e\", \"type\": \"span-create\", \"timestamp\": \"2024-05-01T12:00:00Z\"}",
            "e",
            "body: is required"),
        arguments(event("e", "span-create", "[]"), "e", "body: must be a JSON object, got array"),
        arguments(event("e", "span-create", "{\"name\": \"x\"}"), "e", "body.id: is required"),
        arguments(event("e", "trace-create", "{\"name\": \"x\"}"), "e", "body.id: is required"),
        arguments(
            event("e", "span-create", "{\"id\": \"a\\rb\"}"),
            "e",
            "body.id: must not contain a carriage return"),
        arguments(
            event("e", "span-create", "{\"id\": \"" + "x".repeat(801) + "\"}"),
            "e",
            "body.id: must be at most 800 characters, got 801"),
        arguments(
            event("e", "span-create", "{\"id\": \"s\", \"traceId\": \"\"}"),
            "e",
            "body.traceId: must not be blank"),
        arguments(
            event("e", "span-create", "{\"id\": \"s\", \"startTime\": \"01/05/2024\"}"),
            "e",
            "body.startTime: must be an ISO 8601 date-time with offset such as 2024-05-01T12:00:00.000Z, "
                + "got string \"01/05/2024\""),
        arguments(
            event("e", "span-update", "{\"id\": \"s\", \"endTime\": 1714564800}"),
            "e",
            "body.endTime: must be an ISO 8601 date-time with offset such as 2024-05-01T12:00:00.000Z, "
                + "got number 1714564800"),
        arguments(
            event("e", "span-create", "{\"id\": \"s\", \"name\": 7}"),
            "e",
            "body.name: must be a string, got number 7"),
        arguments(
            event("e", "event-create", "{\"id\": \"s\", \"level\": \"LOUD\"}"),
            "e",
            "body.level: must be DEBUG, DEFAULT, WARNING or ERROR, got 'LOUD'"),
        arguments(
            event("e", "generation-create", "{\"id\": \"g\", \"usageDetails\": {\"input\": -5}}"),
            "e",
            "body.usageDetails.input: must be a non-negative integer, got -5"),
        arguments(
            event("e", "generation-create", "{\"id\": \"g\", \"usageDetails\": {\"input\": 1.5}}"),
            "e",
            "body.usageDetails.input: must be a non-negative integer, got number 1.5"),
        arguments(
            event("e", "generation-create", "{\"id\": \"g\", \"usageDetails\": 12}"),
            "e",
            "body.usageDetails: must be a JSON object, got number 12"),
        arguments(
            event(
                "e",
                "generation-create",
                "{\"id\": \"g\", \"usageDetails\": {\"prompt_tokens\": -1, "
                    + "\"completion_tokens\": 2, \"total_tokens\": 1}}"),
            "e",
            "body.usageDetails.prompt_tokens: must be a non-negative integer, got -1"),
        arguments(
            event(
                "e",
                "generation-create",
                "{\"id\": \"g\", \"usageDetails\": {\"prompt_tokens\": 10, "
                    + "\"completion_tokens\": 2, \"total_tokens\": 12, \"prompt_tokens_details\": {\"cached_tokens\": -3}}}"),
            "e",
            "body.usageDetails.prompt_tokens_details.cached_tokens: must be a non-negative integer, got -3"),
        arguments(
            event(
                "e",
                "generation-create",
                "{\"id\": \"g\", \"usageDetails\": {\"prompt_tokens\": 10, "
                    + "\"prompt_tokens_details\": {\"cached_tokens\": 3}}}"),
            "e",
            "body.usageDetails.prompt_tokens_details: a details object is only accepted in the OpenAI shapes, "
                + "which need exactly prompt_tokens, completion_tokens, total_tokens (or input_tokens, "
                + "output_tokens, total_tokens) beside it"),
        arguments(
            event("e", "generation-update", "{\"id\": \"g\", \"usage\": {\"input\": -10}}"),
            "e",
            "body.usage.input: must be a non-negative integer, got -10"),
        arguments(
            event(
                "e",
                "generation-create",
                "{\"id\": \"g\", \"usage\": {\"input\": 1, \"unit\": \"WORDS\"}}"),
            "e",
            "body.usage.unit: must be one of TOKENS, CHARACTERS, MILLISECONDS, SECONDS, REQUESTS, IMAGES, "
                + "got 'WORDS'"),
        arguments(
            event("e", "generation-create", "{\"id\": \"g\", \"usage\": {\"inputCost\": -0.1}}"),
            "e",
            "body.usage.inputCost: must be a non-negative number, got -0.1"),
        arguments(
            event("e", "generation-create", "{\"id\": \"g\", \"costDetails\": {\"total\": -0.5}}"),
            "e",
            "body.costDetails.total: must be a non-negative number, got -0.5"),
        arguments(
            event(
                "e", "generation-create", "{\"id\": \"g\", \"costDetails\": {\"total\": \"0.5\"}}"),
            "e",
            "body.costDetails.total: must be a non-negative number, got string \"0.5\""),
        arguments(
            event("e", "generation-create", "{\"id\": \"g\", \"promptName\": \"p\"}"),
            "e",
            "body.promptVersion: promptName and promptVersion must be sent together or not at all"),
        arguments(
            event("e", "generation-create", "{\"id\": \"g\", \"promptVersion\": 2}"),
            "e",
            "body.promptName: promptName and promptVersion must be sent together or not at all"),
        arguments(
            event(
                "e",
                "generation-create",
                "{\"id\": \"g\", \"promptName\": \"p\", \"promptVersion\": \"2\"}"),
            "e",
            "body.promptVersion: must be an integer, got string \"2\""),
        arguments(
            event("e", "generation-create", "{\"id\": \"g\", \"modelParameters\": [0.2]}"),
            "e",
            "body.modelParameters: must be a JSON object, got array"),
        arguments(
            event("e", "trace-create", "{\"id\": \"t\", \"tags\": [\"a\", 3]}"),
            "e",
            "body.tags[1]: must be a string, got number 3"),
        arguments(
            event("e", "trace-create", "{\"id\": \"t\", \"tags\": \"a,b\"}"),
            "e",
            "body.tags: must be an array of strings, got string \"a,b\""),
        arguments(
            event("e", "trace-create", "{\"id\": \"t\", \"public\": \"yes\"}"),
            "e",
            "body.public: must be true or false, got string \"yes\""),
        arguments(
            event("e", "trace-create", "{\"id\": \"t\", \"name\": \"" + "n".repeat(1001) + "\"}"),
            "e",
            "body.name: must be at most 1000 characters, got 1001"),
        arguments(
            event("e", "trace-create", "{\"id\": \"t\", \"environment\": 5}"),
            "e",
            "body.environment: must be a string, got number 5"),
        arguments(
            event("e", "observation-create", "{\"id\": \"o\"}"),
            "e",
            "body.type: is required on observation-create"),
        arguments(
            event("e", "observation-update", "{\"id\": \"o\", \"type\": \"WIDGET\"}"),
            "e",
            "body.type: unknown observation type 'WIDGET'"));
  }

  @ParameterizedTest
  @MethodSource("invalidEvents")
  void invalidEvent_isItsOwnErrorAndTheOthersSucceed(
      String badEvent, String errorId, String message) {
    BatchResult result = Batches.ingest(GOOD_BEFORE, badEvent, GOOD_AFTER);

    assertThat(result.errors()).containsExactly(new EventError(errorId, 400, message));
    assertThat(result.toStore().rejected())
        .containsExactly(new IngestResult.Rejection(errorId, message));
    assertThat(result.successes()).containsExactly("good-1", "good-2");
    assertThat(result.toStore().observations())
        .extracting(Observation::id)
        .containsExactly("span-a", "span-b");
    assertThat(result.toStore().traces()).hasSize(2);
  }

  @Test
  void severalInvalidEvents_eachReportedInBatchOrder() {
    BatchResult result =
        Batches.ingest(
            event(
                "bad-1",
                "generation-create",
                "{\"id\": \"g\", \"usageDetails\": {\"output\": -1}}"),
            GOOD_BEFORE,
            event("bad-2", "trace-create", "{}"));

    assertThat(result.errors())
        .containsExactly(
            new EventError(
                "bad-1", 400, "body.usageDetails.output: must be a non-negative integer, got -1"),
            new EventError("bad-2", 400, "body.id: is required"));
    assertThat(result.successes()).containsExactly("good-1");
  }

  /** Replaces the test that pinned "scores are not supported" (issue 14: scores are kept). */
  @Test
  void scoreCreate_becomesAPendingScore_aBadScoreBodyIsThatEventsError() {
    BatchResult result =
        Batches.ingest(
            GOOD_BEFORE,
            event(
                "score-evt",
                "score-create",
                "{\"id\": \"sc-1\", \"traceId\": \"t\", \"observationId\": \"o\","
                    + " \"name\": \"accuracy\", \"value\": 0.9, \"comment\": \"ok\","
                    + " \"environment\": \"Staging\", \"dataType\": \"NUMERIC\"}"),
            event(
                "no-id",
                "score-create",
                "{\"sessionId\": \"s\", \"name\": \"tone\", \"value\": \"calm\"}"),
            event("bad-1", "score-create", "{\"name\": \"accuracy\", \"value\": 0.9}"),
            event(
                "bad-2", "score-create", "{\"traceId\": \"t\", \"name\": \"a\", \"value\": true}"),
            event(
                "bad-3",
                "score-create",
                "{\"traceId\": \"t\", \"name\": \"a\", \"value\": 1, \"dataType\": \"CORRECTION\"}"),
            event(
                "bad-4",
                "score-create",
                "{\"observationId\": \"o\", \"name\": \"a\", \"value\": 1}"));

    assertThat(result.successes()).containsExactly("good-1");
    assertThat(result.scores()).extracting(p -> p.eventId()).containsExactly("score-evt", "no-id");
    ScoreInput s = result.scores().get(0).score();
    assertThat(s.id()).isEqualTo("sc-1");
    assertThat(s.target()).isEqualTo(new ScoreTarget("t", "o", null, null));
    assertThat(s.number()).isEqualTo(0.9);
    assertThat(s.dataType()).isEqualTo(ScoreDataType.NUMERIC);
    assertThat(s.environment()).isEqualTo("staging");
    assertThat(s.source()).isEqualTo(ScoreSource.API);
    ScoreInput noId = result.scores().get(1).score();
    assertThat(noId.id())
        .as("the event id stands in, so a re-sent batch stays idempotent")
        .isEqualTo("no-id");
    assertThat(noId.text()).isEqualTo("calm");
    assertThat(result.errors())
        .containsExactly(
            new EventError(
                "bad-1",
                400,
                "body.traceId: a score needs a traceId, a sessionId or a datasetRunId"),
            new EventError(
                "bad-2", 400, "body.value: must be a number or a string, got boolean true"),
            new EventError(
                "bad-3",
                400,
                "body.dataType: unknown data type 'CORRECTION', expected one of NUMERIC, CATEGORICAL, BOOLEAN, TEXT"),
            new EventError("bad-4", 400, "body.traceId: is required with an observationId"));
  }

  @Test
  void sdkLog_succeedsAndStoresNothing() {
    BatchResult result =
        Batches.ingest(
            event(
                "log-evt", "sdk-log", "{\"log\": {\"level\": \"warn\", \"msg\": \"queue full\"}}"));

    assertThat(result.errors()).isEmpty();
    assertThat(result.successes()).containsExactly("log-evt");
    assertThat(result.toStore().traces()).isEmpty();
    assertThat(result.toStore().observations()).isEmpty();
  }
}
