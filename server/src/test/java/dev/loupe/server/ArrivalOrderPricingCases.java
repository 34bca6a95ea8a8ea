package dev.loupe.server;

import static dev.loupe.server.PricingHttpCases.assertCost;
import static dev.loupe.server.PricingHttpCases.event;
import static dev.loupe.server.TestServer.AUTH_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.server.ServerConfig.StorageKind;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generation's model and usage may come in separate writes, in any order, in separate requests
 * that race: it must end priced with the exact cost, or flagged, never with model and usage but no
 * cost. Over real HTTP, on both wires (OTLP/JSON spans sent twice with the same span id; Langfuse
 * batch create and update). Bundled gpt-4o: input 2.5e-6, output 1e-5 USD per token.
 */
abstract class ArrivalOrderPricingCases {
  private static final BigDecimal INPUT = new BigDecimal("0.0000025");
  private static final BigDecimal OUTPUT = new BigDecimal("0.00001");
  private static final String TRACE = "5b8aa5a2d2c872e8321cf37308d69df2";

  private final StorageKind storage;
  @TempDir Path dir;
  TestServer t;

  ArrivalOrderPricingCases(StorageKind storage) {
    this.storage = storage;
  }

  @BeforeEach
  void start() {
    t = TestServer.start(storage, dir);
  }

  @AfterEach
  void stop() {
    if (t != null) t.close();
  }

  @Test
  void otlp_spanWithUsageResentWithItsModel_isPriced() {
    export(span("00000000000000a1", null, 1000, 500));
    export(span("00000000000000a1", "gpt-4o", null, null));

    JsonNode o = observation("00000000000000a1");
    assertThat(o.get("costSource").asText()).isEqualTo("CALCULATED");
    assertCost(o.get("calculatedTotalCost"), "0.0075");
  }

  @Test
  void otlp_spanWithModelResentWithItsUsage_isPriced() {
    export(span("00000000000000a2", "gpt-4o", null, null));
    export(span("00000000000000a2", null, 1000, 500));

    assertCost(observation("00000000000000a2").get("calculatedTotalCost"), "0.0075");
  }

  @Test
  void langfuse_createsAndUpdatesRacingInSeparateRequests_allEndPriced() throws Exception {
    List<String> requests = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      requests.add(
          event(
              "generation-create",
              "{\"id\":\"g"
                  + i
                  + "\",\"traceId\":\"t-race\",\"name\":\"gen\",\"model\":\"gpt-4o\","
                  + "\"startTime\":\"2026-01-05T10:00:00Z\"}"));
      requests.add(
          event(
              "generation-update",
              "{\"id\":\"g"
                  + i
                  + "\",\"traceId\":\"t-race\",\"usageDetails\":{\"input\":"
                  + (1000 + i)
                  + ",\"output\":"
                  + (500 + i)
                  + "}}"));
    }
    race(requests, body -> ingest("{\"batch\":[" + body + "]}"));

    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < 200; i++) wrong.addAll(misPriced("g" + i, 1000 + i, 500 + i));
    assertThat(wrong).isEmpty();
  }

  @Test
  void otlp_spanHalvesRacingInSeparateRequests_allEndPriced() throws Exception {
    List<String> requests = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String id = String.format("%016x", 0xb000 + i);
      requests.add(span(id, "gpt-4o", null, null));
      requests.add(span(id, null, 1000 + i, 500 + i));
    }
    race(requests, this::export);

    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      wrong.addAll(misPriced(String.format("%016x", 0xb000 + i), 1000 + i, 500 + i));
    }
    assertThat(wrong).isEmpty();
  }

  /** Empty when the generation is priced at input x 2.5e-6 + output x 1e-5; else what is wrong. */
  private List<String> misPriced(String id, long input, long output) {
    JsonNode o = observation(id);
    BigDecimal expected =
        INPUT.multiply(BigDecimal.valueOf(input)).add(OUTPUT.multiply(BigDecimal.valueOf(output)));
    JsonNode cost = o.get("calculatedTotalCost");
    boolean right =
        o.get("costSource").asText().equals("CALCULATED")
            && cost.isNumber()
            && cost.decimalValue().compareTo(expected) == 0;
    return right ? List.of() : List.of(id + ": " + o.get("costSource").asText() + " " + cost);
  }

  /** Sends every body as its own request, in a seeded random order, 16 at a time. */
  private static void race(List<String> bodies, java.util.function.Consumer<String> send)
      throws Exception {
    List<String> shuffled = new ArrayList<>(bodies);
    Collections.shuffle(shuffled, new Random(10));
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      List<Future<?>> sent = new ArrayList<>();
      for (String body : shuffled) sent.add(pool.submit(() -> send.accept(body)));
      for (Future<?> f : sent) f.get();
    }
  }

  /** An OTLP/JSON export of one Langfuse-SDK generation span; model and usage only when given. */
  private static String span(
      String spanId, @Nullable String model, @Nullable Integer input, @Nullable Integer output) {
    List<String> attributes = new ArrayList<>();
    attributes.add(attribute("langfuse.observation.type", "generation"));
    if (model != null) attributes.add(attribute("langfuse.observation.model.name", model));
    if (input != null) {
      attributes.add(
          attribute(
              "langfuse.observation.usage_details",
              "{\\\"input\\\":" + input + ",\\\"output\\\":" + output + "}"));
    }
    return "{\"resourceSpans\":[{\"resource\":{\"attributes\":[]},\"scopeSpans\":[{\"scope\":"
        + "{\"name\":\"langfuse-sdk\"},\"spans\":[{\"traceId\":\""
        + TRACE
        + "\",\"spanId\":\""
        + spanId
        + "\",\"name\":\"chat\",\"kind\":1,\"startTimeUnixNano\":\"1767607200000000000\","
        + "\"endTimeUnixNano\":\"1767607201000000000\",\"attributes\":["
        + String.join(",", attributes)
        + "]}]}]}]}";
  }

  private static String attribute(String key, String value) {
    return "{\"key\":\"" + key + "\",\"value\":{\"stringValue\":\"" + value + "\"}}";
  }

  private void export(String json) {
    HttpResponse<String> r = post("/api/public/otel/v1/traces", json);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("rejected");
  }

  private void ingest(String json) {
    HttpResponse<String> r = post("/api/public/ingestion", json);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(207);
    assertThat(Json.parse(r.body()).get("errors")).as(r.body()).isEmpty();
  }

  private HttpResponse<String> post(String path, String json) {
    return t.send(
        HttpRequest.newBuilder(t.uri(path))
            .header("Authorization", AUTH_A)
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(json))
            .build());
  }

  private JsonNode observation(String id) {
    HttpResponse<String> r = t.get("/api/public/observations/" + id, AUTH_A);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.parse(r.body());
  }
}
