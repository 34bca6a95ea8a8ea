package dev.loupe.server;

import static dev.loupe.server.TestServer.AUTH_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.evaluation.EvaluationRunner;
import dev.loupe.evaluation.JudgeKeys;
import dev.loupe.model.Json;
import dev.loupe.server.ServerConfig.StorageKind;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A judge connection's API key: written, never answered by the API; never in the data directory in
 * clear (every file's bytes scanned after the server closed); sealed with the server's key so that
 * it opens after a restart, and fails the rule's jobs with {@code CONFIG} under another key.
 */
class EvaluationKeyTest {
  static final String KEY = "sk-live-VERY-SECRET-judge-key-7d1f09c2e4";

  @TempDir Path dir;
  TestServer t;
  StubJudge judge;

  @AfterEach
  void stop() {
    if (t != null) t.close();
    if (judge != null) judge.close();
  }

  TestServer start(String evalKey) {
    return TestServer.start(
        StorageKind.DUCKDB,
        dir,
        c ->
            c.withEvalKey(evalKey)
                .withEvaluation(
                    EvaluationRunner.Settings.defaults()
                        .withPollInterval(Duration.ofMillis(100))
                        .withSettleDelay(Duration.ZERO)
                        .withMaxAttempts(1)));
  }

  @Test
  void apiKey_isNeverAnswered_neverStoredInClear_andOpensAfterARestart() throws Exception {
    judge = new StubJudge(KEY);
    t = start(null);
    List<String> answers = new ArrayList<>();
    HttpResponse<String> created =
        send(
            "POST",
            "/api/public/unstable/judge-connections",
            """
            {"name":"judge","baseUrl":"%s","model":"judge-1","apiKey":"%s"}"""
                .formatted(judge.baseUrl(), KEY));
    assertThat(created.statusCode()).isEqualTo(200);
    String id = Json.parse(created.body()).get("id").asText();
    answers.add(created.body());
    answers.add(send("GET", "/api/public/unstable/judge-connections", null).body());
    answers.add(send("GET", "/api/public/unstable/judge-connections/" + id, null).body());
    answers.add(
        send("PATCH", "/api/public/unstable/judge-connections/" + id, "{\"model\":\"judge-2\"}")
            .body());
    for (String a : answers) {
      assertThat(a).doesNotContain(KEY).doesNotContain("sealedKey").doesNotContain("VERY-SECRET");
    }
    JsonNode shown = Json.parse(answers.get(2));
    assertThat(shown.get("displayKey").asText()).isEqualTo("…c2e4");
    assertThat(shown.has("apiKey")).isFalse();

    send(
        "POST",
        "/api/public/unstable/evaluators",
        """
        {"name":"judged","type":"llm_as_judge","prompt":"{{output}}",
         "outputDefinition":{"dataType":"BOOLEAN"},"modelConfig":{"provider":"judge"}}""");
    ingestTrace("t-1", "answer score=1");
    JsonNode rule = rule("first", "t-1");
    assertThat(awaitDone(rule.get("id").asText()).get("succeeded").asLong()).isEqualTo(1);
    assertThat(judge.unauthorized.get()).isZero();
    t.close();
    t = null;

    // every byte the server wrote: the DuckDB file (and WAL), payload and ingest logs, the key file
    byte[] clear = KEY.getBytes(StandardCharsets.UTF_8);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).anyMatch(p -> p.getFileName().toString().equals("loupe.duckdb"));
    // the scan sees clear text where there is some: the connection's body, beside its sealed key
    byte[] beside = ("\"baseUrl\":\"" + judge.baseUrl() + "\"").getBytes(StandardCharsets.UTF_8);
    assertThat(files).anyMatch(f -> indexOf(read(f), beside) >= 0);
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      assertThat(indexOf(bytes, clear)).as("the key in clear in %s", f).isEqualTo(-1);
      assertThat(indexOf(bytes, "VERY-SECRET".getBytes(StandardCharsets.UTF_8)))
          .as(f.toString())
          .isEqualTo(-1);
    }
    Path keyFile = dir.resolve(JudgeKeys.FILE_NAME);
    assertThat(Files.getPosixFilePermissions(keyFile))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    // the same data directory: the sealed key opens again
    t = start(null);
    ingestTrace("t-2", "answer score=0");
    JsonNode second = rule("second", "t-2");
    assertThat(awaitDone(second.get("id").asText()).get("succeeded").asLong()).isEqualTo(1);
    t.close();

    // another server key (LOUPE_EVAL_KEY): the stored key does not open; jobs fail as CONFIG
    byte[] other = new byte[32];
    other[0] = 1;
    t = start(Base64.getEncoder().encodeToString(other));
    ingestTrace("t-3", "answer score=1");
    JsonNode third = rule("third", "t-3");
    JsonNode s = awaitDone(third.get("id").asText());
    assertThat(s.path("byReason").path("failed").path("CONFIG").asLong()).isEqualTo(1);
    assertThat(s.get("lastErrors").get(0).get("error").asText()).contains("does not open");
    assertThat(judge.unauthorized.get()).isZero();
  }

  JsonNode rule(String name, String traceId) {
    HttpResponse<String> r =
        send(
            "POST",
            "/api/public/unstable/evaluation-rules",
            """
            {"name":"%s","evaluator":{"name":"judged"},
             "filter":[{"column":"traceName","operator":"=","value":"%s"}],
             "mapping":[{"variable":"output","source":"output"}],
             "timeScope":["EXISTING"],"backfill":{"from":"%s"}}"""
                .formatted(name, traceId, Instant.now().minus(Duration.ofHours(1))));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.parse(r.body());
  }

  void ingestTrace(String id, String output) {
    String batch =
        """
        {"batch":[{"id":"e-%s","type":"trace-create","timestamp":"%s",
          "body":{"id":"%s","name":"%s","timestamp":"%s","output":"%s"}}]}"""
            .formatted(id, Instant.now(), id, id, Instant.now().minusSeconds(60), output);
    assertThat(send("POST", "/api/public/ingestion", batch).statusCode()).isEqualTo(207);
    assertThat(t.server.awaitApplied(Duration.ofSeconds(10))).isTrue();
  }

  JsonNode awaitDone(String ruleId) throws InterruptedException {
    Instant end = Instant.now().plusSeconds(30);
    while (true) {
      JsonNode s =
          Json.parse(
              send("GET", "/api/public/unstable/evaluation-rules/" + ruleId + "/status", null)
                  .body());
      if (s.get("matched").asLong() >= 1 && s.get("queued").asLong() == 0) return s;
      if (Instant.now().isAfter(end)) throw new AssertionError("not done: " + s);
      Thread.sleep(100);
    }
  }

  HttpResponse<String> send(String method, String path, String body) {
    return t.send(
        HttpRequest.newBuilder(t.uri(path))
            .header("Authorization", AUTH_A)
            .header("Content-Type", "application/json")
            .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
            .build());
  }

  static byte[] read(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }
}
