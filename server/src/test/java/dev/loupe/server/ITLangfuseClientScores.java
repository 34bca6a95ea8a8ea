package dev.loupe.server;

import static dev.loupe.server.TestServer.PK_A;
import static dev.loupe.server.TestServer.PROJECT_A;
import static dev.loupe.server.TestServer.SK_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.server.ServerConfig.StorageKind;
import dev.loupe.server.seed.Harness;
import dev.loupe.storage.WriteBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real Langfuse TypeScript client ({@code @langfuse/client} from npm, {@code scores-check.mjs})
 * scoring a trace, an observation and a session with each data type, creating a config and a score
 * against it, and reading them back through the scores API (DuckDB file).
 */
class ITLangfuseClientScores {
  @Test
  void langfuseClient_scoresOfEveryTypeOnTraceObservationAndSession_readBack() throws Exception {
    Path dir = Files.createTempDirectory("loupe-js-scores");
    try (TestServer t = TestServer.start(StorageKind.DUCKDB, dir)) {
      Instant now = Instant.parse("2026-12-01T10:00:00Z");
      t.seed(
          WriteBatch.of(
              List.of(Trace.builder(PROJECT_A, "t-js", now).name("chat").sessionId("s-js").build()),
              List.of(Observation.builder(PROJECT_A, "o-js", "t-js", now).name("reply").build())));
      Harness client = Harness.langfuseClient();
      Harness.Run run =
          client.run(
              Map.of(
                  "LANGFUSE_BASE_URL",
                  "http://127.0.0.1:" + t.server.port(),
                  "LANGFUSE_PUBLIC_KEY",
                  PK_A,
                  "LANGFUSE_SECRET_KEY",
                  SK_A,
                  "TRACE_ID",
                  "t-js",
                  "OBSERVATION_ID",
                  "o-js",
                  "SESSION_ID",
                  "s-js"),
              "node",
              "scores-check.mjs");

      assertThat(run.exitCode()).as(run.output()).isZero();
      String line =
          run.output().lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
      JsonNode result = Json.parse(line.substring("RESULT ".length()));
      Map<String, JsonNode> ofTrace = new HashMap<>();
      result.path("ofTrace").path("data").forEach(s -> ofTrace.put(s.path("name").asText(), s));
      assertThat(ofTrace).containsOnlyKeys("helpfulness", "tone", "note", "quality");
      assertThat(ofTrace.get("helpfulness").path("value").asDouble()).isEqualTo(0.8);
      assertThat(ofTrace.get("helpfulness").path("dataType").asText()).isEqualTo("NUMERIC");
      assertThat(ofTrace.get("helpfulness").path("comment").asText()).isEqualTo("good");
      assertThat(ofTrace.get("tone").path("stringValue").asText()).isEqualTo("calm");
      assertThat(ofTrace.get("tone").path("observationId").asText()).isEqualTo("o-js");
      assertThat(ofTrace.get("note").path("dataType").asText()).isEqualTo("TEXT");
      assertThat(ofTrace.get("note").path("stringValue").asText()).isEqualTo("cites the order");
      assertThat(ofTrace.get("quality").path("configId").asText())
          .isEqualTo(result.path("config").path("id").asText());
      assertThat(ofTrace.get("quality").path("id").asText())
          .isEqualTo(result.path("created").path("id").asText());
      assertThat(ofTrace.get("quality").path("trace").path("sessionId").asText()).isEqualTo("s-js");

      JsonNode session = result.path("ofSession").path("data");
      assertThat(session.size()).isEqualTo(1);
      assertThat(session.get(0).path("name").asText()).isEqualTo("resolved");
      assertThat(session.get(0).path("dataType").asText()).isEqualTo("BOOLEAN");
      assertThat(session.get(0).path("value").asDouble()).isEqualTo(1.0);
      assertThat(result.path("byId").path("name").asText()).isEqualTo("tone");
      assertThat(result.path("configs").path("data").get(0).path("name").asText())
          .isEqualTo("quality");
      assertThat(result.path("trace").path("scores").size()).isEqualTo(4);
    } finally {
      TestServer.deleteRecursively(dir);
    }
  }
}
