package dev.loupe.ingest.langfuse;

import static dev.loupe.ingest.langfuse.Batches.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.loupe.ingest.langfuse.LangfuseBatchIngest.BatchResult;
import dev.loupe.ingest.langfuse.LangfuseBatchIngest.EventError;
import dev.loupe.model.Observation;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values outside {@link dev.loupe.model.Bounds}, each in its own event between two good ones: that
 * event's error names the wire field and why; the good ones come out.
 */
class LangfuseBoundsTest {
  static final String GOOD_BEFORE =
      event("good-1", "span-create", "{\"id\": \"span-a\", \"traceId\": \"t\"}");
  static final String GOOD_AFTER =
      event("good-2", "span-create", "{\"id\": \"span-b\", \"traceId\": \"t\"}");

  static Stream<Arguments> outOfBounds() {
    return Stream.of(
        arguments(
            "{\"id\": \"e\", \"type\": \"span-create\", \"timestamp\": \"+999999999-12-31T23:59:59Z\","
                + " \"body\": {\"id\": \"s\"}}",
            "timestamp: +999999999-12-31T23:59:59Z is at or after 2200-01-01T00:00:00Z"),
        arguments(
            event("e", "span-create", "{\"id\": \"s\", \"startTime\": \"0001-01-01T00:00:00Z\"}"),
            "body.startTime: 0001-01-01T00:00:00Z is before 1970-01-01T00:00:00Z"),
        arguments(
            event("e", "span-update", "{\"id\": \"s\", \"endTime\": \"1969-12-31T23:59:59Z\"}"),
            "body.endTime: 1969-12-31T23:59:59Z is before 1970-01-01T00:00:00Z"),
        arguments(
            event(
                "e",
                "generation-create",
                "{\"id\": \"s\", \"completionStartTime\": \"2200-01-01T00:00:00Z\"}"),
            "body.completionStartTime: 2200-01-01T00:00:00Z is at or after 2200-01-01T00:00:00Z"),
        arguments(
            event("e", "trace-create", "{\"id\": \"t\", \"timestamp\": \"3000-01-01T00:00:00Z\"}"),
            "body.timestamp: 3000-01-01T00:00:00Z is at or after 2200-01-01T00:00:00Z"),
        arguments(
            event(
                "e",
                "generation-create",
                "{\"id\": \"s\", \"usageDetails\": {\"input\": 2000000000000}}"),
            "body.usageDetails.input: 2000000000000 is above 1000000000000"),
        arguments(
            event(
                "e",
                "generation-create",
                "{\"id\": \"s\", \"usage\": {\"promptTokens\": 9223372036854775807}}"),
            "body.usage.promptTokens: 9223372036854775807 is above 1000000000000"),
        arguments(
            event("e", "generation-create", "{\"id\": \"s\", \"costDetails\": {\"total\": 1e6}}"),
            "body.costDetails.total: 1000000 is above 999999.999999999999 USD"),
        arguments(
            event("e", "generation-create", "{\"id\": \"s\", \"usage\": {\"totalCost\": 1e400}}"),
            "body.usage.totalCost: 1E+400 is above 999999.999999999999 USD"),
        arguments(
            event(
                "e",
                "generation-create",
                "{\"id\": \"s\", \"costDetails\": {\"input\": 1e-999999999}}"),
            "body.costDetails.input: 1E-999999999 has more than 64 decimal places"),
        arguments(
            event(
                "e",
                "generation-create",
                "{\"id\": \"s\", \"costDetails\": {\"input\": 600000, \"input_cached\": 600000}}"),
            "body.costDetails: the total cost 1200000 is above 999999.999999999999 USD; "
                + "body.costDetails: the input cost 1200000 is above 999999.999999999999 USD"),
        arguments(
            event(
                "e",
                "generation-create",
                "{\"id\": \"s\", \"promptName\": \"p\", \"promptVersion\": -2}"),
            "body.promptVersion: -2 is negative"),
        arguments(
            event("e", "span-create", "{\"id\": \"s\\ud800\"}"),
            "body.id: contains an unpaired UTF-16 surrogate"),
        arguments(
            event("e", "span-create", "{\"id\": \"s\", \"traceId\": \"t\\udc00\"}"),
            "body.traceId: contains an unpaired UTF-16 surrogate"));
  }

  @ParameterizedTest
  @MethodSource("outOfBounds")
  void outOfBounds_isThatEventsErrorNamingTheField(String bad, String message) {
    BatchResult result = Batches.ingest(GOOD_BEFORE, bad, GOOD_AFTER);

    assertThat(result.errors()).containsExactly(new EventError("e", 400, message));
    assertThat(result.successes()).containsExactly("good-1", "good-2");
    assertThat(result.toStore().observations())
        .extracting(Observation::id)
        .containsExactly("span-a", "span-b");
  }

  @Test
  void valuesAtTheBounds_areAccepted() {
    BatchResult result =
        Batches.ingest(
            event(
                "e",
                "generation-create",
                "{\"id\": \"g\", \"startTime\": \"1970-01-01T00:00:00Z\","
                    + " \"endTime\": \"2199-12-31T23:59:59.999999Z\","
                    + " \"usageDetails\": {\"input\": 1000000000000},"
                    + " \"costDetails\": {\"total\": 999999.999999999999},"
                    + " \"promptName\": \"p\", \"promptVersion\": 0}"));

    assertThat(result.errors()).isEmpty();
    assertThat(result.toStore().observations().get(0).costDetails().get("total"))
        .isEqualByComparingTo("999999.999999999999");
  }

  @Test
  void costs_keepEveryDigitSentNeverPassingThroughADouble() {
    BatchResult result =
        Batches.ingest(
            event(
                "e",
                "generation-create",
                "{\"id\": \"g\", \"costDetails\": {\"input\": 0.000012345678901234567891,"
                    + " \"output\": 123456.123456789012}}"));

    Observation o = result.toStore().observations().get(0);
    assertThat(o.costDetails().get("input").toPlainString())
        .isEqualTo("0.000012345678901234567891");
    assertThat(o.costDetails().get("output").toPlainString()).isEqualTo("123456.123456789012");
  }

  @Test
  void unpairedSurrogatesInText_becomeReplacementCharacters() {
    BatchResult result =
        Batches.ingest(
            event(
                "e",
                "span-create",
                "{\"id\": \"s\", \"name\": \"a\\ud800b\", \"input\": {\"q\\udc00\": \"x\\ud83d\"},"
                    + " \"metadata\": {\"ok\": \"\\ud83d\\ude00\"}}"));

    assertThat(result.errors()).isEmpty();
    Observation o = result.toStore().observations().get(0);
    assertThat(o.name()).isEqualTo("a\uFFFDb");
    assertThat(o.input()).isEqualTo("{\"q\uFFFD\":\"x\uFFFD\"}");
    assertThat(o.metadata()).isEqualTo("{\"ok\":\"\uD83D\uDE00\"}");
  }
}
