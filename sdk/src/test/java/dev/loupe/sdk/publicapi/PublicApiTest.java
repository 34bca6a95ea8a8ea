package dev.loupe.sdk.publicapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.sdk.ActiveObservation;
import dev.loupe.sdk.Loupe;
import dev.loupe.sdk.Observation;
import dev.loupe.sdk.ObservationLevel;
import dev.loupe.sdk.ObservationType;
import dev.loupe.sdk.TraceAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every public entry point, used from outside the package as an application would. */
class PublicApiTest {
  @Test
  void everyEntryPoint_recordsThroughTheStandaloneBatchPipeline() throws Exception {
    InMemorySpanExporter exported = InMemorySpanExporter.create();
    List<SpanData> finished;
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Loupe loupe =
        Loupe.builder()
            .env(Map.of("LOUPE_ENVIRONMENT", "test", "LOUPE_RELEASE", "2026.11"))
            .spanExporter(exported)
            .serviceName("support-bot")
            .exportDelay(Duration.ofMinutes(1))
            .shutdownHook(false)
            .build()) {
      assertThat(loupe.isEnabled()).isTrue();
      assertThat(loupe.tracer()).isNotNull();

      String answer =
          loupe.startActiveObservation(
              "handle-request",
              root -> {
                loupe.updateTrace(TraceAttributes.builder().userId("u-1").tags("api").build());
                loupe.propagateAttributes(
                    TraceAttributes.builder().sessionId("s-1").metadata("tenant", "acme").build(),
                    () ->
                        loupe.runActiveObservation(
                            "guard", ObservationType.GUARDRAIL, g -> g.output("allowed")));
                loupe.runActiveObservation("plain-step", s -> s.version("v2"));
                int docs =
                    loupe.propagateAttributes(
                        TraceAttributes.builder().environment("test").build(),
                        () ->
                            loupe.startActiveObservation(
                                "search", ObservationType.RETRIEVER, r -> 3));

                Observation embed = loupe.startObservation("embed", ObservationType.EMBEDDING);
                Observation child = embed.startObservation("embed-batch", ObservationType.CHAIN);
                child.end();
                ObservationType nestedType =
                    embed.call(
                        () -> {
                          Observation nested = loupe.startObservation("nested-in-call");
                          nested.end();
                          return nested.type();
                        });
                assertThat(nestedType).isEqualTo(ObservationType.SPAN);
                embed.run(() -> loupe.startObservation("nested-in-run").end());
                Context ctx = embed.context();
                assertThat(ctx).isNotNull();
                pool.submit(() -> embed.usageDetails(Map.of("input", 8)).end()).get();
                assertThat(embed.isEnded()).isTrue();

                try (ActiveObservation gen =
                    loupe.startObservation("draft", ObservationType.GENERATION).makeCurrent()) {
                  gen.model("gpt-4o")
                      .modelParameters(Map.of("temperature", 0))
                      .usageDetails(Map.of("input", 42L, "output", 17L))
                      .costDetails(Map.of("total", new BigDecimal("0.000275")))
                      .completionStartTime(Instant.now())
                      .prompt("draft-prompt", 1)
                      .metadata(Map.of("docs", docs))
                      .level(ObservationLevel.DEFAULT)
                      .statusMessage("ok")
                      .input("hi")
                      .output("hello");
                  gen.span().setAttribute("app.outcome", "success");
                }
                loupe.startObservation("agent", ObservationType.AGENT).end(Instant.now());
                loupe.startObservation("eval", ObservationType.EVALUATOR).end();
                loupe.startObservation("tool", ObservationType.TOOL).end();
                loupe.startObservation("note", ObservationType.EVENT).end();
                root.updateTrace(TraceAttributes.builder().output("hello").isPublic(false).build());
                return "hello";
              });

      assertThat(answer).isEqualTo("hello");
      assertThat(exported.getFinishedSpanItems()).isEmpty(); // batched, not yet exported
      assertThat(loupe.flush()).isTrue();
      finished = exported.getFinishedSpanItems(); // before close: shutdown clears the exporter
    } finally {
      pool.shutdown();
    }

    Map<String, SpanData> byName =
        finished.stream().collect(Collectors.toMap(SpanData::getName, s -> s));
    assertThat(byName)
        .containsOnlyKeys(
            "handle-request",
            "guard",
            "plain-step",
            "search",
            "embed",
            "embed-batch",
            "nested-in-call",
            "nested-in-run",
            "draft",
            "agent",
            "eval",
            "tool",
            "note");
    SpanData guard = byName.get("guard");
    assertThat(guard.getAttributes().get(AttributeKey.stringKey("user.id"))).isEqualTo("u-1");
    assertThat(guard.getAttributes().get(AttributeKey.stringKey("session.id"))).isEqualTo("s-1");
    assertThat(guard.getAttributes().get(AttributeKey.stringArrayKey("langfuse.trace.tags")))
        .isEqualTo(List.of("api"));
    assertThat(guard.getAttributes().get(AttributeKey.stringKey("langfuse.release")))
        .isEqualTo("2026.11");
    assertThat(byName.get("plain-step").getAttributes().get(AttributeKey.stringKey("session.id")))
        .isNull();
    assertThat(byName.get("embed-batch").getParentSpanId())
        .isEqualTo(byName.get("embed").getSpanId());
    assertThat(byName.get("nested-in-call").getParentSpanId())
        .isEqualTo(byName.get("embed").getSpanId());
    assertThat(byName.get("nested-in-run").getParentSpanId())
        .isEqualTo(byName.get("embed").getSpanId());
    assertThat(byName.get("draft").getAttributes().get(AttributeKey.stringKey("app.outcome")))
        .isEqualTo("success");
    assertThat(
            byName
                .get("handle-request")
                .getResource()
                .getAttribute(AttributeKey.stringKey("service.name")))
        .isEqualTo("support-bot");
    assertThat(byName.values())
        .allSatisfy(
            s ->
                assertThat(s.getAttributes().get(AttributeKey.stringKey("langfuse.environment")))
                    .isEqualTo("test"));
  }

  @Test
  void fromEnvAndGlobalOpenTelemetry_neverThrow() {
    try (Loupe fromEnv = Loupe.fromEnv();
        Loupe global = Loupe.builder().useGlobalOpenTelemetry().build()) {
      Integer one = fromEnv.startActiveObservation("x", o -> 1);
      assertThat(one).isEqualTo(1);
      assertThat(global.isEnabled()).isTrue();
      String traceId = global.startActiveObservation("y", ObservationType.CHAIN, o -> o.traceId());
      assertThat(traceId).hasSize(32);
    }
  }
}
