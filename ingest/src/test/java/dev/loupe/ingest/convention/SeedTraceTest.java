package dev.loupe.ingest.convention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.CostSource;
import dev.loupe.model.Json;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed trace exactly as {@code @langfuse/tracing} 5.11.1 sent it (attributes copied from {@code
 * fixtures/otlp/langfuse-ts-seed.decoded.json}, built by {@code harness/seed-generation.mjs}).
 */
class SeedTraceTest {
  private static final String QUESTION = "Where is my order A-1001? It has been a week.";
  private static final String REPLY =
      "Hi Ada, your order A-1001 shipped yesterday via UPS and should arrive on Friday.";
  private static final String MESSAGES =
      "[{\"role\":\"system\",\"content\":\"You are a concise, friendly support "
          + "agent.\"},{\"role\":\"user\",\"content\":\""
          + QUESTION
          + "\"}]";
  private final SpanNormalizer normalizer = new SpanNormalizer();

  /** The attributes propagateAttributes() copies onto every span of the seed. */
  private static Spans propagated(Spans s) {
    return s.attr("user.id", "user-123")
        .attr("session.id", "session-abc")
        .attr("langfuse.version", "1.0.0")
        .attr("langfuse.trace.name", "handle-request")
        .attr("langfuse.trace.tags", List.of("seed", "harness"))
        .attr("langfuse.trace.metadata.tenant", "acme")
        .attr("langfuse.trace.metadata.channel", "email");
  }

  static Spans handleRequest() {
    Spans s =
        Spans.langfuse("handle-request")
            .ids("79e90d93e8360154", null)
            .times(1_795_474_788_391_000_000L, 1_795_474_788_476_626_829L)
            .attr("langfuse.internal.is_app_root", true)
            .attr("langfuse.observation.type", "span")
            .attr(
                "langfuse.observation.input",
                "{\"ticketId\":\"T-1001\",\"messages\":" + MESSAGES + "}")
            .attr("langfuse.observation.metadata.route", "/support/reply")
            .attr(
                "langfuse.trace.input",
                "{\"ticketId\":\"T-1001\",\"question\":\"" + QUESTION + "\"}");
    return propagated(s)
        .attr(
            "langfuse.observation.output",
            "{\"reply\":\""
                + REPLY
                + "\",\"order\":{\"orderId\":\"A-1001\","
                + "\"status\":\"shipped\",\"carrier\":\"UPS\"}}")
        .attr("langfuse.trace.output", REPLY);
  }

  static Spans draftReply() {
    return propagated(
            Spans.langfuse("draft-reply")
                .ids("fc93eaa56811d11e", "79e90d93e8360154")
                .times(1_795_474_788_417_000_000L, 1_795_474_788_458_019_527L))
        .attr("langfuse.observation.type", "generation")
        .attr("langfuse.observation.input", MESSAGES)
        .attr("langfuse.observation.output", REPLY)
        .attr("langfuse.observation.model.name", "gpt-4o")
        .attr("langfuse.observation.usage_details", "{\"input\":42,\"output\":17}");
  }

  static Spans polishReply() {
    return propagated(
            Spans.langfuse("polish-reply")
                .ids("c694bea44261a7d9", "79e90d93e8360154")
                .times(1_795_474_788_459_000_000L, 1_795_474_788_475_433_788L)
                .status(2, "Rate limit exceeded: fake upstream returned 429"))
        .attr("langfuse.observation.type", "generation")
        .attr(
            "langfuse.observation.input",
            "[{\"role\":\"user\",\"content\":\"Polish: " + REPLY + "\"}]")
        .attr("langfuse.observation.model.name", "gpt-4o-mini")
        .attr("langfuse.observation.model.parameters", "{\"temperature\":0.2,\"max_tokens\":256}")
        .attr("langfuse.observation.level", "ERROR")
        .attr(
            "langfuse.observation.status_message",
            "Rate limit exceeded: fake upstream returned 429");
  }

  static Spans lookupOrder() {
    return propagated(
            Spans.langfuse("lookup-order")
                .ids("b59178ce1bf7fdc9", "79e90d93e8360154")
                .times(1_795_474_788_407_000_000L, 1_795_474_788_417_226_191L))
        .attr("langfuse.observation.type", "tool")
        .attr("langfuse.observation.input", "{\"orderId\":\"A-1001\"}")
        .attr(
            "langfuse.observation.output",
            "{\"orderId\":\"A-1001\",\"status\":\"shipped\",\"carrier\":\"UPS\"}");
  }

  static Spans retrieveContext() {
    return propagated(
            Spans.langfuse("retrieve-context")
                .ids("64c36cbbbbe5400c", "79e90d93e8360154")
                .times(1_795_474_788_394_000_000L, 1_795_474_788_406_409_537L))
        .attr("langfuse.observation.type", "span")
        .attr("langfuse.observation.input", "{\"query\":\"order A-1001\"}")
        .attr("langfuse.observation.output", "{\"documents\":2}")
        .attr("langfuse.observation.metadata.source", "kb");
  }

  static Spans cacheMiss() {
    return propagated(
            Spans.langfuse("cache-miss")
                .ids("983ba08e4acb72d2", "64c36cbbbbe5400c")
                .times(1_795_474_788_406_000_000L, 1_795_474_788_406_000_000L))
        .attr("langfuse.observation.type", "event")
        .attr("langfuse.observation.level", "WARNING")
        .attr("langfuse.observation.input", "{\"key\":\"order:A-1001\"}");
  }

  @Test
  void handleRequest_isTheRootWithTheFullTrace() {
    NormalizedSpan n = normalizer.normalize("proj-1", handleRequest().build());
    Trace t = n.trace();
    assertThat(t.id()).isEqualTo("396c755178e02d53e01e4b43d953b483");
    assertThat(t.name()).isEqualTo("handle-request");
    assertThat(t.timestamp()).isEqualTo(Instant.parse("2026-11-23T22:59:48.391Z"));
    assertThat(t.userId()).isEqualTo("user-123");
    assertThat(t.sessionId()).isEqualTo("session-abc");
    assertThat(t.tags()).containsExactly("seed", "harness");
    assertThat(Json.parse(t.metadata()))
        .isEqualTo(Json.parse("{\"tenant\":\"acme\",\"channel\":\"email\"}"));
    assertThat(t.version()).isEqualTo("1.0.0");
    assertThat(t.environment()).isEqualTo("default");
    assertThat(t.input()).isEqualTo("{\"ticketId\":\"T-1001\",\"question\":\"" + QUESTION + "\"}");
    assertThat(t.output()).isEqualTo(Json.quote(REPLY));

    Observation o = n.observation();
    assertThat(o.parentObservationId()).isNull();
    assertThat(o.type()).isEqualTo(ObservationType.SPAN);
    assertThat(o.input()).startsWith("{\"ticketId\":\"T-1001\",\"messages\":[");
    assertThat(o.output()).contains("\"carrier\":\"UPS\"");
    assertThat(Json.parse(o.metadata()).get("route").asText()).isEqualTo("/support/reply");
  }

  @Test
  void draftReply_isAGenerationWithModelUsageAndMessages() {
    Observation o = normalizer.normalize("proj-1", draftReply().build()).observation();
    assertThat(o.type()).isEqualTo(ObservationType.GENERATION);
    assertThat(o.name()).isEqualTo("draft-reply");
    assertThat(o.parentObservationId()).isEqualTo("79e90d93e8360154");
    assertThat(o.model()).isEqualTo("gpt-4o");
    assertThat(o.usageDetails()).isEqualTo(Map.of("input", 42L, "output", 17L));
    assertThat(Json.parse(o.input()).isArray()).isTrue();
    assertThat(Json.parse(o.input())).hasSize(2);
    assertThat(Json.parse(o.input()).get(1).get("content").asText()).isEqualTo(QUESTION);
    assertThat(o.output()).isEqualTo(Json.quote(REPLY));
    assertThat(o.level()).isEqualTo(Level.DEFAULT);
    assertThat(o.costSource()).isEqualTo(CostSource.NONE);
    assertThat(o.version()).isEqualTo("1.0.0");
    assertThat(o.startTime()).isEqualTo(Instant.parse("2026-11-23T22:59:48.417Z"));
    assertThat(o.endTime()).isEqualTo(Instant.parse("2026-11-23T22:59:48.458019Z"));
    assertThat(o.mappingNotes())
        .containsEntry("type", "langfuse.observation.type")
        .containsEntry("model", "langfuse.observation.model.name")
        .containsEntry("usage", "langfuse.observation.usage_details")
        .containsEntry("input", "langfuse.observation.input / output");
  }

  @Test
  void polishReply_isAnErroredGenerationWithParameters() {
    Observation o = normalizer.normalize("proj-1", polishReply().build()).observation();
    assertThat(o.type()).isEqualTo(ObservationType.GENERATION);
    assertThat(o.level()).isEqualTo(Level.ERROR);
    assertThat(o.statusMessage()).isEqualTo("Rate limit exceeded: fake upstream returned 429");
    assertThat(o.model()).isEqualTo("gpt-4o-mini");
    assertThat(Json.parse(o.modelParameters()))
        .isEqualTo(Json.parse("{\"temperature\":0.2,\"max_tokens\":256}"));
    assertThat(o.output()).isNull();
    assertThat(o.mappingNotes().get("usage"))
        .startsWith("missing: GENERATION has model gpt-4o-mini but no usage");
  }

  @Test
  void lookupOrder_isAToolWithArgumentsAndResult() {
    Observation o = normalizer.normalize("proj-1", lookupOrder().build()).observation();
    assertThat(o.type()).isEqualTo(ObservationType.TOOL);
    assertThat(o.input()).isEqualTo("{\"orderId\":\"A-1001\"}");
    assertThat(Json.parse(o.output()).get("status").asText()).isEqualTo("shipped");
  }

  @Test
  void cacheMiss_isAWarningEventUnderRetrieveContext() {
    Observation o = normalizer.normalize("proj-1", cacheMiss().build()).observation();
    assertThat(o.type()).isEqualTo(ObservationType.EVENT);
    assertThat(o.level()).isEqualTo(Level.WARNING);
    assertThat(o.parentObservationId()).isEqualTo("64c36cbbbbe5400c");
    assertThat(o.input()).isEqualTo("{\"key\":\"order:A-1001\"}");
    assertThat(o.latency()).isZero();
  }

  @Test
  void children_updateTheTraceWithThePropagatedAttributesOnly() {
    Trace t = normalizer.normalize("proj-1", retrieveContext().build()).trace();
    assertThat(t.name()).isEqualTo("handle-request");
    assertThat(t.userId()).isEqualTo("user-123");
    assertThat(t.sessionId()).isEqualTo("session-abc");
    assertThat(t.tags()).containsExactly("seed", "harness");
    assertThat(t.input()).as("observation input never becomes trace input on a child").isNull();
    assertThat(t.output()).isNull();
    assertThat(Json.parse(t.metadata()).has("source"))
        .as("observation metadata stays on the observation")
        .isFalse();
  }

  @Test
  void wholeTrace_mergesToTheSeedTraceInAnyOrder() {
    List<Spans> wireOrder =
        List.of(
            cacheMiss(),
            retrieveContext(),
            lookupOrder(),
            draftReply(),
            polishReply(),
            handleRequest());
    Trace merged = null;
    for (Spans s : wireOrder) {
      Trace t = normalizer.normalize("proj-1", s.build()).trace();
      merged = merged == null ? t : merged.mergedWith(t);
    }
    assertThat(merged.name()).isEqualTo("handle-request");
    assertThat(merged.timestamp()).isEqualTo(Instant.parse("2026-11-23T22:59:48.391Z"));
    assertThat(merged.input()).contains("\"question\"");
    assertThat(merged.output()).isEqualTo(Json.quote(REPLY));
    assertThat(merged.tags()).containsExactly("seed", "harness");
    assertThat(merged.version()).isEqualTo("1.0.0");
  }

  @Test
  void langfuseSdkSpans_keepNoRawAttributesInMetadata() {
    Observation o = normalizer.normalize("proj-1", draftReply().build()).observation();
    var metadata = Json.parse(o.metadata());
    assertThat(metadata.has("attributes")).isFalse();
    assertThat(metadata.get("scope").get("name").asText()).isEqualTo("langfuse-sdk");
    assertThat(metadata.get("scope").get("version").asText()).isEqualTo("5.11.1");
    assertThat(metadata.get("resourceAttributes").get("telemetry.sdk.language").asText())
        .isEqualTo("nodejs");
  }
}
