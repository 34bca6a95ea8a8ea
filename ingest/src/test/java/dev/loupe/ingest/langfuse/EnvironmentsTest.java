package dev.loupe.ingest.langfuse;

import static dev.loupe.ingest.langfuse.Batches.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.ingest.convention.EnvironmentRule;
import dev.loupe.ingest.langfuse.LangfuseBatchIngest.BatchResult;
import dev.loupe.model.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Langfuse batch environments, normalized by the same rule as OTLP ingest ({@link
 * EnvironmentRule}).
 */
class EnvironmentsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "production | production",
        "Production | production",
        "'  staging '  | staging",
        "langfuse-staging | staging",
        "LANGFUSE_dev | dev",
        "langfuse-langfuse_qa | qa",
        "eu-west_1 | eu-west_1",
        "langfuse | langfuse",
        "langfuse- | default",
        "prod env | default",
        "prod.eu | default",
        "préprod | default",
        "'' | default",
        "NULL | default",
        "abcdefghij-abcdefghij-abcdefghij-abcdefg | abcdefghij-abcdefghij-abcdefghij-abcdefg",
        "abcdefghij-abcdefghij-abcdefghij-abcdefgh | default",
        "langfuse-abcdefghij-abcdefghij-abcdefghij-abcdefg | abcdefghij-abcdefghij-abcdefghij-abcdefg"
      })
  void normalize_followsLangfuseRules(String raw, String expected) {
    assertThat(EnvironmentRule.normalize(raw)).isEqualTo(expected);
  }

  @Test
  void invalidEnvironment_onAnObservation_isDefaultWithANote() {
    BatchResult result =
        Batches.ingest(
            event(
                "e1",
                "span-create",
                "{\"id\": \"s\", \"traceId\": \"t\", \"environment\": \"Prod Env\"}"));

    Observation span = result.toStore().observations().getFirst();
    assertThat(span.environment()).isEqualTo("default");
    assertThat(span.mappingNotes())
        .containsEntry(
            "environment",
            "'Prod Env' is not a valid environment name (at most 40 characters of a-z, 0-9, '-', '_'): default used");
    assertThat(result.toStore().traces().getFirst().environment()).isEqualTo("default");
  }

  @Test
  void validEnvironment_onAnObservation_needsNoNote() {
    BatchResult result =
        Batches.ingest(
            event(
                "e1",
                "span-create",
                "{\"id\": \"s\", \"traceId\": \"t\", \"environment\": \"langfuse-Staging\"}"));

    Observation span = result.toStore().observations().getFirst();
    assertThat(span.environment()).isEqualTo("staging");
    assertThat(span.mappingNotes()).doesNotContainKey("environment");
  }

  @Test
  void traceEnvironment_isNormalized() {
    BatchResult result =
        Batches.ingest(
            event("e1", "trace-create", "{\"id\": \"t\", \"environment\": \"LANGFUSE_QA\"}"));

    assertThat(result.toStore().traces().getFirst().environment()).isEqualTo("qa");
  }
}
