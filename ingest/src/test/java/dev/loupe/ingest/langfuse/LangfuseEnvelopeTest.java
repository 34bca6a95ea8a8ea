package dev.loupe.ingest.langfuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.ingest.BadPayloadException;
import dev.loupe.ingest.langfuse.LangfuseBatchIngest.BatchResult;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The envelope {@code {batch: [...], metadata?}}: when it is unusable the whole request is
 * malformed.
 */
class LangfuseEnvelopeTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "``                         | body is empty",
        "`{\"batch\": [`            | body is not valid JSON",
        "`not json`                 | body is not valid JSON",
        "`{\"batch\": []} trailing` | body is not valid JSON",
        "`[]`                       | body must be a JSON object {\"batch\": [...]}, got array",
        "`{}`                       | batch: required array of events",
        "`{\"batch\": null}`        | batch: required array of events, got null",
        "`{\"batch\": {\"id\": 1}}` | batch: required array of events, got object",
        "`{\"events\": []}`         | batch: required array of events"
      })
  void invalidEnvelope_isMalformed(String body, String messageStart) {
    assertThatThrownBy(
            () -> new LangfuseBatchIngest().ingest("p", body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            BadPayloadException.class,
            e -> assertThat(e.reason()).isEqualTo(BadPayloadException.Reason.MALFORMED))
        .hasMessageStartingWith(messageStart);
  }

  @Test
  void emptyBatch_isAnEmptyResult() {
    BatchResult result =
        new LangfuseBatchIngest()
            .ingest(
                "p",
                "{\"batch\": [], \"metadata\": {\"sdk_name\": \"js\"}}"
                    .getBytes(StandardCharsets.UTF_8));

    assertThat(result.successes()).isEmpty();
    assertThat(result.errors()).isEmpty();
    assertThat(result.toStore().traces()).isEmpty();
    assertThat(result.toStore().observations()).isEmpty();
  }
}
