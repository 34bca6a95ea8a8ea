package dev.loupe.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoupeTest {
  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final OpenTelemetrySdk otel =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(spans))
                  .build())
          .build();
  final Loupe loupe = Loupe.builder().openTelemetry(otel).environment("staging").build();

  @AfterEach
  void close() {
    loupe.close();
    otel.close();
  }

  @Test
  void startActiveObservation_generationCarriesEveryWireAttribute() {
    Instant firstToken = Instant.parse("2026-11-24T03:00:00.123456Z");
    String result =
        loupe.startActiveObservation(
            "draft-reply",
            ObservationType.GENERATION,
            gen -> {
              gen.input(List.of(new Message("user", "hi")))
                  .output("hello")
                  .model("gpt-4o")
                  .modelParameters(Map.of("temperature", 0.2))
                  .usageDetails(Map.of("input", 42L))
                  .costDetails(Map.of("total", new BigDecimal("0.0012")))
                  .completionStartTime(firstToken)
                  .metadata(Map.of("route", "/reply", "attempt", 2, "flags", List.of(true)))
                  .update(ObservationLevel.WARNING, "slow")
                  .version("v7")
                  .prompt("reply-prompt", 3);
              return "done";
            });

    assertThat(result).isEqualTo("done");
    SpanData span = only("draft-reply");
    assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo("langfuse-sdk");
    Map<String, Object> attrs = asMap(span.getAttributes());
    assertThat(attrs)
        .containsEntry("langfuse.observation.type", "generation")
        .containsEntry("langfuse.observation.input", "[{\"role\":\"user\",\"content\":\"hi\"}]")
        .containsEntry("langfuse.observation.output", "hello")
        .containsEntry("langfuse.observation.model.name", "gpt-4o")
        .containsEntry("langfuse.observation.model.parameters", "{\"temperature\":0.2}")
        .containsEntry("langfuse.observation.usage_details", "{\"input\":42}")
        .containsEntry("langfuse.observation.cost_details", "{\"total\":0.0012}")
        .containsEntry("langfuse.observation.completion_start_time", "2026-11-24T03:00:00.123456Z")
        .containsEntry("langfuse.observation.metadata.route", "/reply")
        .containsEntry("langfuse.observation.metadata.attempt", "2")
        .containsEntry("langfuse.observation.metadata.flags", "[true]")
        .containsEntry("langfuse.observation.level", "WARNING")
        .containsEntry("langfuse.observation.status_message", "slow")
        .containsEntry("langfuse.version", "v7")
        .containsEntry("langfuse.observation.prompt.name", "reply-prompt")
        .containsEntry("langfuse.observation.prompt.version", 3L)
        .containsEntry("langfuse.environment", "staging");
    assertThat(span.hasEnded()).isTrue();
  }

  @Test
  void startActiveObservation_exceptionMarksErrorAndIsRethrownUnchanged() {
    IllegalStateException boom = new IllegalStateException("Rate limit exceeded");
    assertThatThrownBy(
            () ->
                loupe.runActiveObservation(
                    "polish-reply",
                    ObservationType.GENERATION,
                    gen -> {
                      throw boom;
                    }))
        .isSameAs(boom);

    SpanData span = only("polish-reply");
    assertThat(asMap(span.getAttributes()))
        .containsEntry("langfuse.observation.level", "ERROR")
        .containsEntry("langfuse.observation.status_message", "Rate limit exceeded");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getEvents()).extracting(e -> e.getName()).containsExactly("exception");
  }

  @Test
  void startActiveObservation_childIsNestedUnderTheCurrentObservation() {
    loupe.runActiveObservation(
        "root", root -> loupe.runActiveObservation("child", ObservationType.TOOL, tool -> {}));
    SpanData root = only("root");
    SpanData child = only("child");
    assertThat(child.getParentSpanId()).isEqualTo(root.getSpanId());
    assertThat(child.getTraceId()).isEqualTo(root.getTraceId());
    assertThat(asMap(root.getAttributes())).containsEntry("langfuse.observation.type", "span");
    assertThat(asMap(child.getAttributes())).containsEntry("langfuse.observation.type", "tool");
  }

  @Test
  void updateTrace_setsTraceKeysAndPropagatesToLaterChildrenOnly() {
    loupe.runActiveObservation(
        "root",
        root -> {
          loupe.runActiveObservation("before", s -> {});
          root.updateTrace(
              TraceAttributes.builder()
                  .name("handle-request")
                  .userId("user-123")
                  .sessionId("session-abc")
                  .tags("seed", "harness")
                  .metadata(Map.of("tenant", "acme", "limits", Map.of("max", 3)))
                  .version("1.0.0")
                  .release("r1")
                  .input(Map.of("q", "where?"))
                  .output("answer")
                  .isPublic(true)
                  .build());
          loupe.runActiveObservation(
              "after", s -> loupe.startObservation("grandchild", ObservationType.EVENT).end());
        });

    assertThat(asMap(only("root").getAttributes()))
        .containsEntry("langfuse.trace.name", "handle-request")
        .containsEntry("user.id", "user-123")
        .containsEntry("session.id", "session-abc")
        .containsEntry("langfuse.trace.tags", List.of("seed", "harness"))
        .containsEntry("langfuse.trace.metadata.tenant", "acme")
        .containsEntry("langfuse.trace.metadata.limits", "{\"max\":3}")
        .containsEntry("langfuse.version", "1.0.0")
        .containsEntry("langfuse.release", "r1")
        .containsEntry("langfuse.trace.input", "{\"q\":\"where?\"}")
        .containsEntry("langfuse.trace.output", "answer")
        .containsEntry("langfuse.trace.public", true);
    for (String name : List.of("after", "grandchild")) {
      assertThat(asMap(only(name).getAttributes()))
          .as(name)
          .containsEntry("langfuse.trace.name", "handle-request")
          .containsEntry("user.id", "user-123")
          .containsEntry("session.id", "session-abc")
          .containsEntry("langfuse.trace.tags", List.of("seed", "harness"))
          .containsEntry("langfuse.trace.metadata.tenant", "acme")
          .containsEntry("langfuse.version", "1.0.0")
          .doesNotContainKeys("langfuse.trace.input", "langfuse.trace.output");
    }
    assertThat(asMap(only("before").getAttributes())).doesNotContainKey("user.id");
  }

  @Test
  void propagateAttributes_reachesCurrentAndNestedButNotLaterSiblings() {
    loupe.runActiveObservation(
        "root",
        root -> {
          loupe.propagateAttributes(
              TraceAttributes.builder().userId("u1").build(),
              () -> loupe.runActiveObservation("inside", s -> {}));
          loupe.runActiveObservation("outside", s -> {});
        });
    assertThat(asMap(only("root").getAttributes())).containsEntry("user.id", "u1");
    assertThat(asMap(only("inside").getAttributes())).containsEntry("user.id", "u1");
    assertThat(asMap(only("outside").getAttributes())).doesNotContainKey("user.id");
  }

  @Test
  void event_hasZeroDuration() {
    loupe
        .startObservation("cache-miss", ObservationType.EVENT)
        .level(ObservationLevel.WARNING)
        .end();
    SpanData event = only("cache-miss");
    assertThat(event.getEndEpochNanos()).isEqualTo(event.getStartEpochNanos());
    assertThat(asMap(event.getAttributes())).containsEntry("langfuse.observation.type", "event");
  }

  @Test
  void startObservation_endsFromAnotherThreadAndParentsWorkRunThere() throws Exception {
    Observation stream = loupe.startObservation("stream", ObservationType.GENERATION);
    Instant firstToken = Instant.now();
    CompletableFuture.runAsync(
            () -> {
              stream.run(() -> loupe.startObservation("chunk-tool", ObservationType.TOOL).end());
              stream.completionStartTime(firstToken).output("streamed");
              stream.end();
            })
        .get();
    stream.end(); // only the first end counts

    SpanData gen = only("stream");
    assertThat(gen.hasEnded()).isTrue();
    assertThat(asMap(gen.getAttributes()))
        .containsEntry("langfuse.observation.completion_start_time", firstToken.toString())
        .containsEntry("langfuse.observation.output", "streamed");
    assertThat(only("chunk-tool").getParentSpanId()).isEqualTo(gen.getSpanId());
  }

  @Test
  void makeCurrent_tryWithResourcesNestsAndEnds() {
    try (ActiveObservation outer = loupe.startObservation("outer").makeCurrent()) {
      outer.input("x");
      try (ActiveObservation inner =
          loupe.startObservation("inner", ObservationType.RETRIEVER).makeCurrent()) {
        inner.recordException(new RuntimeException("no index"));
      }
    }
    assertThat(only("inner").getParentSpanId()).isEqualTo(only("outer").getSpanId());
    assertThat(asMap(only("inner").getAttributes()))
        .containsEntry("langfuse.observation.level", "ERROR")
        .containsEntry("langfuse.observation.status_message", "no index");
    assertThat(spans.getFinishedSpanItems()).allMatch(SpanData::hasEnded);
  }

  @Test
  void everyObservationType_isSentInLowercase() {
    for (ObservationType type : ObservationType.values()) {
      loupe.startObservation("t-" + type, type).end();
      assertThat(asMap(only("t-" + type).getAttributes()))
          .containsEntry(
              "langfuse.observation.type", type.name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  @Test
  void unserializableInput_isSentAsTextAndDoesNotThrow() {
    Object selfReferencing =
        new Object() {
          @SuppressWarnings("unused")
          public Object getMe() {
            return this;
          }

          @Override
          public String toString() {
            return "loop";
          }
        };
    loupe.runActiveObservation("odd", s -> s.input(selfReferencing));
    assertThat(asMap(only("odd").getAttributes()))
        .containsEntry("langfuse.observation.input", "loop");
  }

  @Test
  void noop_runsTheCodeReturnsItsResultAndRethrows() {
    Loupe noop = Loupe.builder().env(Map.of()).build();
    assertThat(noop.isEnabled()).isFalse();
    int result =
        noop.startActiveObservation(
            "x", ObservationType.GENERATION, gen -> gen.model("m").input(Map.of()) == gen ? 7 : 0);
    assertThat(result).isEqualTo(7);
    Observation o = noop.startObservation("y");
    o.updateTrace(TraceAttributes.builder().userId("u").build()).end();
    assertThat(o.id()).isEqualTo("0000000000000000");
    RuntimeException boom = new RuntimeException("boom");
    assertThatThrownBy(
            () ->
                noop.runActiveObservation(
                    "z",
                    s -> {
                      throw boom;
                    }))
        .isSameAs(boom);
    assertThat(noop.flush()).isTrue();
    noop.close();
    assertThat(spans.getFinishedSpanItems()).isEmpty();
  }

  record Message(String role, String content) {}

  private SpanData only(String name) {
    List<SpanData> found =
        spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    assertThat(found).as(name).hasSize(1);
    return found.get(0);
  }

  static Map<String, Object> asMap(Attributes attributes) {
    Map<String, Object> map = new java.util.HashMap<>();
    attributes.forEach((AttributeKey<?> k, Object v) -> map.put(k.getKey(), v));
    return map;
  }
}
