package dev.loupe.server;

import static dev.loupe.server.TestServer.AUTH_A;
import static dev.loupe.server.TestServer.AUTH_B;
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
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Costs over real HTTP: generations posted through the Langfuse batch API, read back through the
 * public API. Every expected cost is computed by hand from the bundled prices (USD per token):
 * gpt-4o input 2.5e-6, cached input 1.25e-6, output 1e-5; claude-sonnet-4-5 input 3e-6, cache read
 * 3e-7, cache write 3.75e-6, output 1.5e-5; gemini-2.5-pro up to 200k input 1.25e-6 / 1e-5, above
 * 2.5e-6 / 1.5e-5.
 */
abstract class PricingHttpCases {
  private final StorageKind storage;
  @TempDir Path dir;
  TestServer t;

  private final UnaryOperator<ServerConfig> customize;

  PricingHttpCases(StorageKind storage) {
    this(storage, c -> c);
  }

  /** The cases on {@code storage} with more configuration (the Kafka ingest log). */
  PricingHttpCases(StorageKind storage, UnaryOperator<ServerConfig> customize) {
    this.storage = storage;
    this.customize = customize;
  }

  @BeforeEach
  void start() {
    t = TestServer.start(storage, dir, customize);
  }

  @AfterEach
  void stop() {
    if (t != null) t.close();
  }

  @Test
  void gpt4o_thousandInputFiveHundredOutput_costsExactly0_0075() {
    ingest(generation("g1", "gpt-4o", "{\"input\":1000,\"output\":500}", "2026-01-05T10:00:00Z"));
    JsonNode o = observation("g1");
    assertThat(o.get("costSource").asText()).isEqualTo("CALCULATED");
    assertThat(o.get("modelId").asText()).isEqualTo("openai/gpt-4o");
    assertCost(o.get("calculatedTotalCost"), "0.0075");
    assertCost(o.get("costDetails").get("input"), "0.0025");
    assertCost(o.get("costDetails").get("output"), "0.005");
  }

  @Test
  void anthropic_cacheReadAndCacheWriteArePricedPerBucket() {
    ingest(
        generation(
            "a1",
            "claude-sonnet-4-5",
            "{\"input_tokens\":1000,\"cache_read_input_tokens\":2000,"
                + "\"cache_creation_input_tokens\":500,\"output_tokens\":300}",
            "2026-01-05T10:00:00Z"));
    JsonNode costs = observation("a1").get("costDetails");
    assertCost(costs.get("input"), "0.003"); // 1000 x 3e-6 (Anthropic's input excludes the cache)
    assertCost(costs.get("input_cached_tokens"), "0.0006"); // 2000 x 3e-7
    assertCost(costs.get("input_cache_creation"), "0.001875"); // 500 x 3.75e-6
    assertCost(costs.get("output"), "0.0045"); // 300 x 1.5e-5
    assertCost(observation("a1").get("calculatedTotalCost"), "0.009975");
  }

  @Test
  void openAi_cachedAndReasoningTokensAreNeitherDoubleCountedNorMissed() {
    ingest(
        generation(
            "o1",
            "gpt-4o",
            "{\"prompt_tokens\":1000,\"completion_tokens\":400,\"total_tokens\":1400,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":200},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":300}}",
            "2026-01-05T10:00:00Z"));
    JsonNode o = observation("o1");
    assertThat(o.get("usageDetails").get("input").asLong()).isEqualTo(800);
    assertThat(o.get("usageDetails").get("input_cached_tokens").asLong()).isEqualTo(200);
    assertThat(o.get("usageDetails").get("output").asLong()).isEqualTo(100);
    assertThat(o.get("usageDetails").get("output_reasoning_tokens").asLong()).isEqualTo(300);
    // 800 x 2.5e-6 + 200 x 1.25e-6 + 100 x 1e-5 + 300 x 1e-5 (reasoning is billed as output)
    assertCost(o.get("calculatedTotalCost"), "0.00625");
  }

  @Test
  void providedCost_isKeptAsSent() {
    ingest(
        event(
            "generation-create",
            "{\"id\":\"p1\",\"traceId\":\"t-p1\",\"name\":\"gen\",\"model\":\"gpt-4o\","
                + "\"startTime\":\"2026-01-05T10:00:00Z\",\"usageDetails\":{\"input\":1000,\"output\":500},"
                + "\"costDetails\":{\"total\":0.5}}"));
    JsonNode o = observation("p1");
    assertThat(o.get("costSource").asText()).isEqualTo("PROVIDED");
    assertCost(o.get("calculatedTotalCost"), "0.5");
  }

  @Test
  void unknownModel_isFlaggedNoPriceNeverZero_andFilterable() {
    ingest(
        generation("u1", "acme-llm-7", "{\"input\":10,\"output\":5}", "2026-01-05T10:00:00Z"),
        generation("u2", "gpt-4o", "{\"input\":10,\"output\":5}", "2026-01-05T10:01:00Z"));
    JsonNode o = observation("u1");
    assertThat(o.get("costSource").asText()).isEqualTo("NO_PRICE");
    assertThat(o.get("calculatedTotalCost").isNull()).isTrue();
    assertThat(o.get("mappingNotes").get("cost").asText()).contains("acme-llm-7");
    JsonNode rows =
        metrics(
            "{\"view\":\"observations\",\"dimensions\":[{\"field\":\"providedModelName\"}],"
                + "\"metrics\":[{\"measure\":\"count\",\"aggregation\":\"count\"}],"
                + "\"filters\":[{\"column\":\"costSource\",\"operator\":\"=\",\"value\":\"NO_PRICE\","
                + "\"type\":\"string\"}],"
                + "\"fromTimestamp\":\"2026-01-01T00:00:00Z\",\"toTimestamp\":\"2026-02-01T00:00:00Z\"}");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("providedModelName").asText()).isEqualTo("acme-llm-7");
    assertThat(rows.get(0).get("count_count").asLong()).isEqualTo(1);
  }

  @Test
  void tieredModel_crossingItsThresholdUsesTheLongContextPrices() {
    ingest(
        generation(
            "below",
            "gemini-2.5-pro",
            "{\"input\":100000,\"output\":1000}",
            "2026-01-05T10:00:00Z"),
        generation(
            "above",
            "gemini-2.5-pro",
            "{\"input\":250000,\"output\":1000}",
            "2026-01-05T10:00:00Z"));
    assertCost(observation("below").get("calculatedTotalCost"), "0.135"); // 0.125 + 0.01
    assertCost(observation("above").get("calculatedTotalCost"), "0.64"); // 0.625 + 0.015
  }

  @Test
  void usageSentInALaterUpdate_isPricedWithTheModelOfTheCreate() {
    ingest(
        event(
            "generation-create",
            "{\"id\":\"late\",\"traceId\":\"t-late\",\"name\":\"gen\",\"model\":\"gpt-4o\","
                + "\"startTime\":\"2026-01-05T10:00:00Z\"}"));
    ingest(
        event(
            "generation-update",
            "{\"id\":\"late\",\"traceId\":\"t-late\",\"usageDetails\":{\"input\":1000,\"output\":500}}"));
    assertCost(observation("late").get("calculatedTotalCost"), "0.0075");
  }

  @Test
  void usageSentBeforeItsCreate_isStillPriced() {
    ingest(
        event(
            "generation-update",
            "{\"id\":\"early\",\"traceId\":\"t-early\",\"usageDetails\":{\"input\":1000,\"output\":500}}"));
    ingest(
        event(
            "generation-create",
            "{\"id\":\"early\",\"traceId\":\"t-early\",\"name\":\"gen\",\"model\":\"gpt-4o\","
                + "\"startTime\":\"2026-01-05T10:00:00Z\"}"));
    JsonNode o = observation("early");
    assertThat(o.get("costSource").asText()).isEqualTo("CALCULATED");
    assertThat(o.get("modelId").asText()).isEqualTo("openai/gpt-4o");
    assertCost(o.get("calculatedTotalCost"), "0.0075");
  }

  @Test
  void usageSentBeforeItsModel_isPricedWhenTheModelArrives() {
    ingest(
        event(
            "generation-create",
            "{\"id\":\"nameless\",\"traceId\":\"t-nameless\",\"name\":\"gen\","
                + "\"startTime\":\"2026-01-05T10:00:00Z\",\"usageDetails\":{\"input\":1000,\"output\":500}}"));
    ingest(
        event(
            "generation-update",
            "{\"id\":\"nameless\",\"traceId\":\"t-nameless\",\"model\":\"gpt-4o\"}"));
    JsonNode o = observation("nameless");
    assertThat(o.get("costSource").asText()).isEqualTo("CALCULATED");
    assertCost(o.get("calculatedTotalCost"), "0.0075");
    assertCost(o.get("costDetails").get("input"), "0.0025");
    assertCost(o.get("costDetails").get("output"), "0.005");
  }

  @Test
  void usageBeforeAnUnknownModel_isFlaggedNoPrice() {
    ingest(
        event(
            "generation-update",
            "{\"id\":\"odd\",\"traceId\":\"t-odd\",\"usageDetails\":{\"input\":10,\"output\":5}}"));
    ingest(
        event(
            "generation-create",
            "{\"id\":\"odd\",\"traceId\":\"t-odd\",\"name\":\"gen\",\"model\":\"acme-llm-7\","
                + "\"startTime\":\"2026-01-05T10:00:00Z\"}"));
    JsonNode o = observation("odd");
    assertThat(o.get("costSource").asText()).isEqualTo("NO_PRICE");
    assertThat(o.get("mappingNotes").get("cost").asText()).contains("acme-llm-7");
  }

  @Test
  void modelParametersSentInALaterUpdate_pickTheirTier() {
    ingest(generation("flex", "gpt-5", "{\"input\":1000,\"output\":500}", "2026-01-05T10:00:00Z"));
    assertCost(observation("flex").get("calculatedTotalCost"), "0.00625"); // 0.00125 + 0.005
    ingest(
        event(
            "generation-update",
            "{\"id\":\"flex\",\"traceId\":\"t-flex\",\"modelParameters\":{\"service_tier\":\"flex\"}}"));
    // gpt-5 flex: input 6.25e-7, output 5e-6 per token
    assertCost(observation("flex").get("calculatedTotalCost"), "0.003125");
  }

  @Test
  void customPrice_overridesBundled_thenRecalculationChangesOnlyAffectedGenerations() {
    ingest(
        generation("old1", "gpt-4o", "{\"input\":1000,\"output\":500}", "2026-01-05T10:00:00Z"),
        generation(
            "old2", "openai/gpt-4o", "{\"input\":1000,\"output\":500}", "2026-01-06T10:00:00Z"),
        generation(
            "other",
            "claude-sonnet-4-5",
            "{\"input\":1000,\"output\":500}",
            "2026-01-06T10:00:00Z"),
        generation("early", "gpt-4o", "{\"input\":1000,\"output\":500}", "2025-12-01T10:00:00Z"));
    JsonNode created =
        send(
            "POST",
            "/api/public/models",
            "{\"modelName\":\"gpt-4o\",\"matchPattern\":\"(?i)^(openai/)?gpt-4o$\","
                + "\"inputPrice\":0.000005,\"outputPrice\":0.00002,\"unit\":\"TOKENS\"}",
            200);
    String id = created.get("id").asText();
    assertThat(created.get("isLangfuseManaged").asBoolean()).isFalse();
    // project B does not see A's price
    assertThat(t.get("/api/public/models/" + id, AUTH_B).statusCode()).isEqualTo(404);

    ingest(generation("new1", "gpt-4o", "{\"input\":1000,\"output\":500}", "2026-01-07T10:00:00Z"));
    assertCost(observation("new1").get("calculatedTotalCost"), "0.015"); // 0.005 + 0.01
    assertThat(observation("new1").get("modelId").asText()).isEqualTo(id);
    assertCost(observation("old1").get("calculatedTotalCost"), "0.0075"); // not yet re-priced

    JsonNode report =
        send(
            "POST",
            "/api/public/models/" + id + "/recalculate",
            "{\"fromTimestamp\":\"2026-01-01T00:00:00Z\",\"toTimestamp\":\"2026-02-01T00:00:00Z\"}",
            200);
    assertThat(report.get("changed").asLong()).isEqualTo(2); // old1, old2; new1 already custom
    assertCost(observation("old1").get("calculatedTotalCost"), "0.015");
    assertCost(observation("old2").get("calculatedTotalCost"), "0.015");
    assertThat(observation("old2").get("modelId").asText()).isEqualTo(id);
    assertCost(observation("other").get("calculatedTotalCost"), "0.0105"); // 0.003 + 0.0075
    assertCost(observation("early").get("calculatedTotalCost"), "0.0075"); // outside the window
    assertThat(observation("old1").get("type").asText()).isEqualTo("GENERATION");
    assertThat(observation("old1").get("usageDetails").get("input").asLong()).isEqualTo(1000);

    send("DELETE", "/api/public/models/" + id, null, 200);
    JsonNode back = send("POST", "/api/public/models/" + id + "/recalculate", "{}", 200);
    assertThat(back.get("changed").asLong()).isEqualTo(3); // old1, old2, new1 back to bundled
    assertCost(observation("new1").get("calculatedTotalCost"), "0.0075");
    assertThat(observation("new1").get("modelId").asText()).isEqualTo("openai/gpt-4o");
  }

  @Test
  void modelsList_showsBundledAndCustomPrices() {
    send(
        "POST",
        "/api/public/models",
        "{\"modelName\":\"acme-llm-7\",\"matchPattern\":\"^acme-llm-7$\",\"totalPrice\":0.000001}",
        200);
    JsonNode page = Json.parse(t.get("/api/public/models?limit=100", AUTH_A).body());
    assertThat(page.get("meta").get("totalItems").asLong()).isGreaterThan(150);
    assertThat(page.get("data").get(0).get("modelName").asText()).isEqualTo("acme-llm-7");
    JsonNode b = Json.parse(t.get("/api/public/models?limit=100", AUTH_B).body());
    for (JsonNode m : b.get("data"))
      assertThat(m.get("modelName").asText()).isNotEqualTo("acme-llm-7");
  }

  @Test
  void badCustomPrice_isRejectedNamingTheField() {
    HttpResponse<String> r =
        request(
            "POST", "/api/public/models", "{\"modelName\":\"x\",\"matchPattern\":\"(unclosed\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("matchPattern");
  }

  // --- helpers

  static String generation(String id, String model, String usage, String start) {
    return event(
        "generation-create",
        "{\"id\":\""
            + id
            + "\",\"traceId\":\"t-"
            + id
            + "\",\"name\":\"gen\",\"model\":\""
            + model
            + "\",\"startTime\":\""
            + start
            + "\",\"endTime\":\""
            + start
            + "\",\"usageDetails\":"
            + usage
            + "}");
  }

  private static int seq;

  static String event(String type, String body) {
    return "{\"id\":\"ev-"
        + (++seq)
        + "\",\"timestamp\":\"2026-01-05T10:00:00Z\",\"type\":\""
        + type
        + "\",\"body\":"
        + body
        + "}";
  }

  void ingest(String... events) {
    List<String> all = new ArrayList<>(List.of(events));
    HttpResponse<String> r =
        request("POST", "/api/public/ingestion", "{\"batch\":[" + String.join(",", all) + "]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(207);
    assertThat(Json.parse(r.body()).get("errors")).as(r.body()).isEmpty();
  }

  JsonNode observation(String id) {
    HttpResponse<String> r = t.get("/api/public/observations/" + id, AUTH_A);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.parse(r.body());
  }

  JsonNode metrics(String query) {
    HttpResponse<String> r =
        t.get(
            "/api/public/metrics?query="
                + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8),
            AUTH_A);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.parse(r.body()).get("data");
  }

  JsonNode send(String method, String path, String body, int status) {
    HttpResponse<String> r = request(method, path, body);
    assertThat(r.statusCode()).as(method + " " + path + " -> " + r.body()).isEqualTo(status);
    return Json.parse(r.body());
  }

  HttpResponse<String> request(String method, String path, String body) {
    return t.send(
        HttpRequest.newBuilder(t.uri(path))
            .header("Authorization", AUTH_A)
            .header("Content-Type", "application/json")
            .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
            .build());
  }

  static void assertCost(JsonNode value, String expected) {
    assertThat(value).as("cost").isNotNull();
    assertThat(value.isNumber()).as("cost %s is a number", value).isTrue();
    assertThat(value.decimalValue()).isEqualByComparingTo(new BigDecimal(expected));
  }
}
