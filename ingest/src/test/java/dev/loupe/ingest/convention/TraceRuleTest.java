package dev.loupe.ingest.convention;

import static dev.loupe.ingest.convention.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Json;
import dev.loupe.model.Trace;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceRuleTest {
  private static Trace trace(Spans s) {
    return s.normalize().trace();
  }

  @Test
  void root_withoutTraceAttributesTakesNameAndIoFromTheObservation() {
    Trace t =
        trace(
            span("agent run")
                .root()
                .attr("input.value", "question")
                .attr("output.value", "answer")
                .resource("deployment.environment.name", "prod")
                .resource("service.version", "3.1"));
    assertThat(t.name()).isEqualTo("agent run");
    assertThat(t.input()).isEqualTo("\"question\"");
    assertThat(t.output()).isEqualTo("\"answer\"");
    assertThat(t.environment()).isEqualTo("prod");
    assertThat(t.version()).isEqualTo("3.1");
    assertThat(t.timestamp()).isEqualTo(Instant.parse("2026-11-23T22:59:48.417Z"));
    assertThat(t.metadata()).isNull();
  }

  @Test
  void root_nameFollowsTheNameRule() {
    assertThat(
            trace(
                    span("ai.generateText")
                        .root()
                        .attr("ai.operationId", "ai.generateText")
                        .attr("ai.telemetry.functionId", "bot"))
                .name())
        .isEqualTo("bot:ai.generateText");
  }

  @Test
  void root_traceAttributesWinOverTheObservation() {
    Trace t =
        trace(
            span("root")
                .root()
                .attr("langfuse.trace.name", "checkout")
                .attr("langfuse.observation.input", "{\"o\":1}")
                .attr("langfuse.trace.output", "{\"t\":2}")
                .attr("langfuse.observation.output", "{\"o\":2}")
                .attr("langfuse.trace.public", true));
    assertThat(t.name()).isEqualTo("checkout");
    assertThat(t.input()).as("trace input falls back to the observation's").isEqualTo("{\"o\":1}");
    assertThat(t.output()).isEqualTo("{\"t\":2}");
    assertThat(t.isPublic()).isTrue();
  }

  @Test
  void asRoot_makesAChildTheRoot() {
    Trace t =
        trace(span("sub").attr("langfuse.internal.as_root", "true").attr("input.value", "in"));
    assertThat(t.name()).isEqualTo("sub");
    assertThat(t.input()).isEqualTo("\"in\"");
  }

  @Test
  void childWithTraceAttributes_isAnUpdateWithOnlyThoseFields() {
    Trace t =
        trace(
            span("tool")
                .attr("user.id", "u1")
                .attr("tag.tags", List.of("t"))
                .attr("langfuse.trace.metadata.tenant", "acme")
                .attr("input.value", "not trace input"));
    assertThat(t.name()).isNull();
    assertThat(t.userId()).isEqualTo("u1");
    assertThat(t.tags()).containsExactly("t");
    assertThat(Json.parse(t.metadata()).get("tenant").asText()).isEqualTo("acme");
    assertThat(t.input()).isNull();
    assertThat(t.output()).isNull();
  }

  @Test
  void childUpdate_takesIoOnlyFromLangfuseTraceKeys() {
    Trace t = trace(span("late").attr("langfuse.trace.output", "final answer"));
    assertThat(t.output()).isEqualTo("\"final answer\"");
    assertThat(t.name()).isNull();
  }

  @Test
  void childUpdate_lemmaThreadOrConversationIdSetsTheSession() {
    assertThat(
            trace(span("step").attr("langfuse.trace.metadata.lemma.thread_id", "th-9")).sessionId())
        .isEqualTo("th-9");
    assertThat(trace(span("chat").attr("gen_ai.conversation.id", "conv-7")).sessionId())
        .isEqualTo("conv-7");
  }

  @Test
  void plainChild_isAShallowTrace() {
    Trace t =
        trace(
            span("db query")
                .attr("db.system", "postgres")
                .resource("langfuse.environment", "staging"));
    assertThat(t.id()).isEqualTo(Spans.TRACE_ID);
    assertThat(t.name()).isNull();
    assertThat(t.userId()).isNull();
    assertThat(t.tags()).isEmpty();
    assertThat(t.metadata()).isNull();
    assertThat(t.version()).isNull();
    assertThat(t.environment()).isEqualTo("staging");
    assertThat(t.timestamp()).isEqualTo(Instant.parse("2026-11-23T22:59:48.417Z"));
  }

  @Test
  void allZeroOrBlankParent_isARoot() {
    assertThat(TraceRule.isRoot(span("x").ids("aaaaaaaaaaaaaaaa", "0000000000000000").view()))
        .isTrue();
    assertThat(TraceRule.isRoot(span("x").ids("aaaaaaaaaaaaaaaa", "").view())).isTrue();
    assertThat(TraceRule.isRoot(span("x").view())).isFalse();
  }
}
