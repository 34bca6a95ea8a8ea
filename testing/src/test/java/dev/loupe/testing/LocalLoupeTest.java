package dev.loupe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalLoupeTest {
  static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

  LocalLoupe loupe;

  @BeforeAll
  void start() {
    loupe = LocalLoupe.start();
  }

  @AfterAll
  void stop() {
    loupe.close();
  }

  @Test
  void trace_spanExportedToOtlpEndpointReadsBack() throws Exception {
    long now = System.currentTimeMillis() * 1_000_000L;
    String body =
        """
        {"resourceSpans":[{"resource":{"attributes":[]},"scopeSpans":[{"scope":{"name":"t"},
         "spans":[{"traceId":"%s","spanId":"b7ad6b7169203331","name":"only-span","kind":1,
          "startTimeUnixNano":"%d","endTimeUnixNano":"%d"}]}]}]}
        """
            .formatted(TRACE_ID, now, now + 1_000_000L);
    HttpResponse<String> res =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(loupe.otlpEndpoint()))
                    .header("Authorization", loupe.basicAuthHeader())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);

    JsonNode trace = loupe.trace(TRACE_ID, 1);
    assertThat(trace.path("id").asText()).isEqualTo(TRACE_ID);
    assertThat(LocalLoupe.observationNamed(trace, "only-span").path("traceId").asText())
        .isEqualTo(TRACE_ID);
    assertThat(loupe.trace(TRACE_ID).path("observations")).hasSize(1);
    assertThat(loupe.get("/api/public/observations?traceId=" + TRACE_ID).path("data")).hasSize(1);
  }

  @Test
  void trace_unknownId_failsWithTheStatusAndBody() {
    assertThatThrownBy(() -> loupe.trace("ffffffffffffffffffffffffffffffff"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("/api/public/traces/ffffffffffffffffffffffffffffffff")
        .hasMessageContaining("404");
  }

  @Test
  void observationNamed_missingName_listsTheNamesThereAre() throws Exception {
    JsonNode trace =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree("{\"observations\":[{\"name\":\"a\"},{\"name\":\"b\"}]}");

    assertThat(LocalLoupe.observationNamed(trace, "b").path("name").asText()).isEqualTo("b");
    assertThatThrownBy(() -> LocalLoupe.observationNamed(trace, "c"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no observation named c")
        .hasMessageContaining("[a, b]");
  }

  @Test
  void env_pointsTheSdkAtThisServerWithTheBasicPair() {
    assertThat(loupe.env())
        .containsEntry("LOUPE_BASE_URL", loupe.baseUrl())
        .containsEntry("LOUPE_PUBLIC_KEY", LocalLoupe.PUBLIC_KEY)
        .containsEntry("LOUPE_SECRET_KEY", LocalLoupe.SECRET_KEY);
    assertThat(loupe.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
  }
}
