package dev.loupe.query.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.CostSource;
import dev.loupe.model.Json;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.storage.Page;
import dev.loupe.storage.SessionDetail;
import dev.loupe.storage.SessionSummary;
import dev.loupe.storage.TraceDetail;
import dev.loupe.storage.TraceSummary;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiJsonTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  static Trace trace() {
    return Trace.builder("p1", "t1", T0)
        .name("agent run")
        .userId("u1")
        .sessionId("s1")
        .tags(List.of("a", "b"))
        .input("{\"q\":\"hi\"}")
        .output("\"bye\"")
        .metadata("{\"k\":[1,2]}")
        .environment("prod")
        .build();
  }

  static Observation generation() {
    return Observation.builder("p1", "o1", "t1", T0.plusMillis(100))
        .type(ObservationType.GENERATION)
        .name("chat")
        .level(Level.WARNING)
        .endTime(T0.plusMillis(1600))
        .completionStartTime(T0.plusNanos(350_123_000))
        .model("gpt-4o")
        .modelParameters("{\"temperature\":0.2}")
        .metadata("{\"x\":true}")
        .input("[{\"role\":\"user\",\"content\":\"hi\"}]")
        .usageDetails(Map.of("input", 100L, "input_cached_tokens", 20L, "output", 50L))
        .costDetails(Map.of("input", new BigDecimal("0.00025"), "output", new BigDecimal("0.0005")))
        .costSource(CostSource.CALCULATED)
        .pricedModelId("gpt-4o")
        .mappingNotes(Map.of("type", "langfuse"))
        .build();
  }

  static JsonNode parse(byte[] json) {
    return Json.parse(new String(json, java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void observation_payloadsAreJsonValuesNotStrings() {
    JsonNode o = parse(ObservationJson.one(generation()));

    assertThat(o.get("input").isArray()).isTrue();
    assertThat(o.get("input").get(0).get("role").asText()).isEqualTo("user");
    assertThat(o.get("metadata").get("x").asBoolean()).isTrue();
    assertThat(o.get("modelParameters").get("temperature").asDouble()).isEqualTo(0.2);
    assertThat(o.get("output").isNull()).isTrue();
  }

  @Test
  void observation_timesAreIsoUtcWithMillisOrMicrosAndDurationsInSeconds() {
    JsonNode o = parse(ObservationJson.one(generation()));

    assertThat(o.get("startTime").asText()).isEqualTo("2025-03-01T10:00:00.100Z");
    assertThat(o.get("completionStartTime").asText()).isEqualTo("2025-03-01T10:00:00.350123Z");
    assertThat(o.get("latency").decimalValue()).isEqualByComparingTo("1.5");
    assertThat(o.get("timeToFirstToken").decimalValue()).isEqualByComparingTo("0.250123");
  }

  @Test
  void observation_usageAndCostFollowLangfuseRules() {
    byte[] raw = ObservationJson.one(generation());
    JsonNode o = parse(raw);

    assertThat(o.get("usageDetails").get("input_cached_tokens").asLong()).isEqualTo(20);
    assertThat(o.get("usage").get("input").asLong()).isEqualTo(120);
    assertThat(o.get("usage").get("output").asLong()).isEqualTo(50);
    assertThat(o.get("usage").get("total").asLong()).isEqualTo(170);
    assertThat(o.get("usage").get("unit").asText()).isEqualTo("TOKENS");
    assertThat(o.get("promptTokens").asLong()).isEqualTo(120);
    assertThat(o.get("calculatedTotalCost").decimalValue()).isEqualByComparingTo("0.00075");
    assertThat(new String(raw, java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"totalCost\":0.00075,");
    assertThat(o.get("costSource").asText()).isEqualTo("CALCULATED");
    assertThat(o.get("mappingNotes").get("type").asText()).isEqualTo("langfuse");
    assertThat(o.get("type").asText()).isEqualTo("GENERATION");
    assertThat(o.get("level").asText()).isEqualTo("WARNING");
  }

  @Test
  void usageDetails_totalIsTheSumWhenTheClientSentNone_andTheClientsTotalOtherwise() {
    JsonNode summed = parse(ObservationJson.one(generation())).get("usageDetails");
    assertThat(summed.get("total").asLong()).isEqualTo(170); // 100 + 20 + 50

    Observation withTotal =
        generation().toBuilder()
            .usageDetails(Map.of("input", 42L, "output", 17L, "total", 59L))
            .build();
    JsonNode sent = parse(ObservationJson.one(withTotal));
    assertThat(sent.get("usageDetails").get("total").asLong()).isEqualTo(59);
    assertThat(sent.get("usage").get("total").asLong()).isEqualTo(59);

    Observation noUsage = generation().toBuilder().usageDetails(Map.of()).build();
    assertThat(parse(ObservationJson.one(noUsage)).get("usageDetails").size()).isZero();
  }

  @Test
  void observation_carriesDerivedMeasuresAndSideCosts() {
    Observation o =
        generation().toBuilder()
            .costDetails(
                Map.of(
                    "input", new BigDecimal("0.0002"),
                    "input_cached_tokens", new BigDecimal("0.00001"),
                    "output", new BigDecimal("0.0005"),
                    "output_reasoning_tokens", new BigDecimal("0.0001")))
            .build();
    JsonNode json = parse(ObservationJson.one(o));

    assertThat(json.get("streamingLatency").decimalValue()).isEqualByComparingTo("1.249877");
    assertThat(json.get("outputTokensPerSecond").asDouble()).isCloseTo(50 / 1.5, within(1e-9));
    assertThat(json.get("calculatedInputCost").decimalValue()).isEqualByComparingTo("0.00021");
    assertThat(json.get("calculatedOutputCost").decimalValue()).isEqualByComparingTo("0.0006");
    assertThat(json.get("calculatedTotalCost").decimalValue()).isEqualByComparingTo("0.00081");
    assertThat(json.get("modelId").asText()).isEqualTo("gpt-4o");
  }

  @Test
  void observation_withoutEndHasNullDerivedMeasures() {
    JsonNode json =
        parse(
            ObservationJson.one(
                generation().toBuilder().endTime(null).costDetails(Map.of()).build()));

    assertThat(json.get("latency").isNull()).isTrue();
    assertThat(json.get("streamingLatency").isNull()).isTrue();
    assertThat(json.get("outputTokensPerSecond").isNull()).isTrue();
    assertThat(json.get("timeToFirstToken").decimalValue()).isEqualByComparingTo("0.250123");
    assertThat(json.get("calculatedInputCost").isNull()).isTrue();
    assertThat(json.get("calculatedTotalCost").isNull()).isTrue();
  }

  @Test
  void tracePage_listsObservationIdsCostLatencyAndMeta() {
    TraceSummary s =
        new TraceSummary(
            trace(), List.of("o1", "o2"), new BigDecimal("0.5"), Duration.ofMillis(2500), 0, 0, 0);
    JsonNode body = parse(TraceJson.page(new Page<>(List.of(s), 2, 1, 3)));

    JsonNode t = body.get("data").get(0);
    assertThat(t.get("id").asText()).isEqualTo("t1");
    assertThat(t.get("timestamp").asText()).isEqualTo("2025-03-01T10:00:00.000Z");
    assertThat(t.get("observations")).hasSize(2);
    assertThat(t.get("observations").get(1).asText()).isEqualTo("o2");
    assertThat(t.get("totalCost").decimalValue()).isEqualByComparingTo("0.5");
    assertThat(t.get("latency").decimalValue()).isEqualByComparingTo("2.5");
    assertThat(t.get("metadata").get("k").get(1).asInt()).isEqualTo(2);
    assertThat(t.get("tags").toString()).isEqualTo("[\"a\",\"b\"]");
    assertThat(t.get("htmlPath").asText()).isEqualTo("/project/p1/traces/t1");
    assertThat(body.get("meta").toString())
        .isEqualTo("{\"page\":2,\"limit\":1,\"totalItems\":3,\"totalPages\":3}");
  }

  @Test
  void traceDetail_embedsFullObservations() {
    JsonNode t = parse(TraceJson.detail(new TraceDetail(trace(), List.of(generation()))));

    assertThat(t.get("observations").get(0).get("model").asText()).isEqualTo("gpt-4o");
    assertThat(t.get("totalCost").decimalValue()).isEqualByComparingTo("0.00075");
    assertThat(t.get("latency").decimalValue()).isEqualByComparingTo("1.5");
    assertThat(t.get("output").asText()).isEqualTo("bye");
  }

  @Test
  void session_detailListsItsTraces() {
    SessionSummary s = new SessionSummary("p1", "s1", T0, "prod", 1);
    JsonNode page = parse(SessionJson.page(new Page<>(List.of(s), 1, 50, 1)));
    JsonNode detail = parse(SessionJson.detail(new SessionDetail(s, List.of(trace()))));

    assertThat(page.get("data").get(0).toString())
        .isEqualTo(
            "{\"id\":\"s1\",\"createdAt\":\"2025-03-01T10:00:00.000Z\",\"projectId\":\"p1\","
                + "\"environment\":\"prod\"}");
    assertThat(detail.get("traces").get(0).get("name").asText()).isEqualTo("agent run");
  }
}
