package dev.loupe.ingest.convention;

import static dev.loupe.ingest.convention.Spans.langfuse;
import static dev.loupe.ingest.convention.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.model.ObservationType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** User, session, tags, metadata, environment, version/release, prompt. */
class TraceFieldRulesTest {
  private static String session(Spans s) {
    SpanView v = s.view();
    return UserSessionRule.sessionId(v, MetadataRule.trace(v));
  }

  @Test
  void userId_inSourceOrder() {
    assertThat(
            UserSessionRule.userId(
                span("x").attr("user.id", "u2").attr("langfuse.user.id", "u1").view()))
        .isEqualTo("u1");
    assertThat(
            UserSessionRule.userId(
                span("x").attr("langfuse.trace.metadata.langfuse_user_id", "u3").view()))
        .isEqualTo("u3");
    assertThat(UserSessionRule.userId(span("x").attr("ai.telemetry.metadata.userId", "u4").view()))
        .isEqualTo("u4");
    assertThat(UserSessionRule.userId(span("x").attr("lemma.user_id", "u5").view()))
        .isEqualTo("u5");
    assertThat(UserSessionRule.userId(span("x").attr("user.id", 42L).view())).isEqualTo("42");
    assertThat(UserSessionRule.userId(span("x").view())).isNull();
  }

  @Test
  void sessionId_inSourceOrderIncludingGenAiConversation() {
    assertThat(session(span("x").attr("session.id", "s2").attr("langfuse.session.id", "s1")))
        .isEqualTo("s1");
    assertThat(session(span("x").attr("gen_ai.conversation.id", "conv-1"))).isEqualTo("conv-1");
    assertThat(session(span("x").attr("langfuse.observation.metadata.langfuse_session_id", "s4")))
        .isEqualTo("s4");
    assertThat(session(span("x").attr("ai.telemetry.metadata.sessionId", "s5"))).isEqualTo("s5");
  }

  @Test
  void sessionId_lemmaThreadAsAttributeOrTraceMetadata() {
    assertThat(session(span("x").attr("lemma.thread_id", "thread-1"))).isEqualTo("thread-1");
    assertThat(session(span("x").attr("langfuse.trace.metadata.lemma.thread_id", "thread-2")))
        .isEqualTo("thread-2");
    assertThat(session(span("x").attr("langfuse.trace.metadata.lemma_thread_id", "thread-3")))
        .isEqualTo("thread-3");
    assertThat(
            session(
                span("x").attr("langfuse.trace.metadata", "{\"lemma.thread_id\":\"thread-4\"}")))
        .isEqualTo("thread-4");
    assertThat(session(span("x").attr("session.id", "s").attr("lemma.thread_id", "t")))
        .isEqualTo("s");
    assertThat(session(span("x").attr("lemma.session_id", "old"))).isEqualTo("old");
  }

  @Test
  void tags_arrayJsonArrayCommaListAndSingle() {
    assertThat(TagsRule.apply(span("x").attr("langfuse.trace.tags", List.of("a", "b")).view()))
        .containsExactly("a", "b");
    assertThat(TagsRule.apply(span("x").attr("langfuse.tags", "[\"a\",\"b\"]").view()))
        .containsExactly("a", "b");
    assertThat(TagsRule.apply(span("x").attr("tag.tags", "a, b ,,c").view()))
        .containsExactly("a", "b", "c");
    assertThat(TagsRule.apply(span("x").attr("ai.telemetry.metadata.tags", "solo").view()))
        .containsExactly("solo");
    assertThat(
            TagsRule.apply(
                span("x")
                    .attr("langfuse.trace.metadata.langfuse_tags", List.of("x", "x", 1L))
                    .view()))
        .containsExactly("x", "1");
    assertThat(TagsRule.apply(span("x").view())).isEmpty();
  }

  @Test
  void tags_firstSourceWins() {
    assertThat(
            TagsRule.apply(
                span("x")
                    .attr("tag.tags", "late")
                    .attr("langfuse.trace.tags", List.of("early"))
                    .view()))
        .containsExactly("early");
  }

  @Test
  void observationMetadata_mergesObjectAndPrefixedKeys() {
    Spans s =
        Spans.langfuse("x")
            .attr("langfuse.observation.metadata", "{\"a\":1,\"b\":\"old\"}")
            .attr("langfuse.observation.metadata.b", "new")
            .attr("langfuse.observation.metadata.nested", "{\"k\":[1,2]}")
            .attr("langfuse.metadata.legacy", "yes")
            .attr("ai.telemetry.metadata.feature", "chat")
            .attr("ai.telemetry.metadata.userId", "not-metadata");
    JsonNode m = Json.parse(MetadataRule.observation(s.view()));
    assertThat(m.get("a").asInt()).isEqualTo(1);
    assertThat(m.get("b").asText()).isEqualTo("new");
    assertThat(m.get("nested").get("k").get(1).asInt()).as("JSON values stay JSON").isEqualTo(2);
    assertThat(m.get("legacy").asText()).isEqualTo("yes");
    assertThat(m.get("feature").asText()).isEqualTo("chat");
    assertThat(m.has("userId")).isFalse();
  }

  @Test
  void observationMetadata_otherScopesKeepRemainingAttributesWithoutIo() {
    Spans s =
        span("chat")
            .scope("opentelemetry.instrumentation.openai", "0.40")
            .resource("service.name", "bot")
            .attr("gen_ai.request.model", "gpt-4o")
            .attr("gen_ai.usage.input_tokens", 5L)
            .attr("gen_ai.prompt.0.content", "secret prompt")
            .attr("llm.is_streaming", false)
            .attr("ai.prompt.tools", List.of("{\"name\":\"weather\"}"));
    JsonNode m = Json.parse(MetadataRule.observation(s.view()));
    assertThat(m.get("attributes").get("gen_ai.request.model").asText()).isEqualTo("gpt-4o");
    assertThat(m.get("attributes").get("gen_ai.usage.input_tokens").asText()).isEqualTo("5");
    assertThat(m.get("attributes").get("llm.is_streaming").asText()).isEqualTo("false");
    assertThat(m.get("attributes").has("gen_ai.prompt.0.content")).isFalse();
    assertThat(m.get("resourceAttributes").get("service.name").asText()).isEqualTo("bot");
    assertThat(m.get("scope").get("name").asText())
        .isEqualTo("opentelemetry.instrumentation.openai");
    assertThat(m.get("tools").get(0).asText()).isEqualTo("{\"name\":\"weather\"}");
  }

  @Test
  void observationMetadata_eachSpanCarriesItsOwnResource() {
    SpanView a = span("a").resource("service.name", "bot").resource("n", 1L).view();
    SpanView b = span("b").resource("service.name", "indexer").view();
    for (SpanView v : new SpanView[] {a, a, b, a, b, b}) {
      JsonNode m = Json.parse(MetadataRule.observation(v));
      assertThat(m.get("resourceAttributes")).isEqualTo(Json.parse(Json.write(v.resource)));
    }
    assertThat(Json.parse(MetadataRule.observation(a)).get("resourceAttributes").toString())
        .isEqualTo("{\"service.name\":\"bot\",\"n\":1}");
  }

  @Test
  void observationMetadata_spansOfOneResourceInOtherScopes_eachCarryTheirScope() {
    Spans spans = langfuse("a");
    SpanView sdk = spans.view();
    SpanView other = spans.scope("my-app", null).view();
    assertThat(other.resource).isSameAs(sdk.resource);
    String resource = Json.write(sdk.resource);
    for (SpanView v : new SpanView[] {sdk, other, sdk, sdk, other}) {
      assertThat(MetadataRule.observation(v))
          .isEqualTo(
              v == sdk
                  ? "{\"resourceAttributes\":"
                      + resource
                      + ",\"scope\":{\"name\":\"langfuse-sdk\",\"version\":\"5.11.1\"}}"
                  : "{\"resourceAttributes\":" + resource + ",\"scope\":{\"name\":\"my-app\"}}");
    }
  }

  @Test
  void observationMetadata_userKeysNamedScopeOrResourceAttributes_areReplacedInPlace() {
    SpanView v =
        langfuse("a")
            .attr("langfuse.observation.metadata.scope", "mine")
            .attr("langfuse.observation.metadata.route", "/r")
            .attr("langfuse.observation.metadata.resourceAttributes", "{\"x\":1}")
            .view();
    assertThat(MetadataRule.observation(v))
        .isEqualTo(
            "{\"scope\":{\"name\":\"langfuse-sdk\",\"version\":\"5.11.1\"},\"route\":\"/r\","
                + "\"resourceAttributes\":"
                + Json.write(v.resource)
                + "}");
    SpanView bare = span("b").attr("langfuse.observation.metadata.route", "/r").view();
    assertThat(MetadataRule.observation(bare))
        .isEqualTo(
            "{\"route\":\"/r\",\"attributes\":{\"langfuse.observation.metadata.route\":\"/r\"},"
                + "\"scope\":{\"name\":\"test-scope\"}}");
  }

  @Test
  void traceMetadata_fromTraceKeysOnly() {
    Map<String, Object> m =
        MetadataRule.trace(
            span("x")
                .attr("langfuse.trace.metadata.tenant", "acme")
                .attr("langfuse.observation.metadata.route", "/r")
                .view());
    assertThat(m).containsOnlyKeys("tenant");
  }

  @ParameterizedTest
  @CsvSource({
    "Production,production",
    "langfuse-staging,staging",
    "langfuse_langfuse-dev,dev",
    "qa_1-b,qa_1-b",
    "'has space',default",
    "'',default",
    "prod/eu,default",
    "a123456789012345678901234567890123456789,a123456789012345678901234567890123456789",
    "a1234567890123456789012345678901234567890,default"
  })
  void environment_isNormalized(String raw, String expected) {
    assertThat(EnvironmentRule.normalize(raw)).isEqualTo(expected);
  }

  @Test
  void environment_sourcesSpanThenResourcePerKey() {
    assertThat(
            EnvironmentRule.apply(
                span("x")
                    .attr("deployment.environment.name", "staging")
                    .resource("langfuse.environment", "prod")
                    .view()))
        .as("langfuse.environment on the resource wins")
        .isEqualTo("prod");
    assertThat(EnvironmentRule.apply(span("x").resource("deployment.environment", "QA").view()))
        .isEqualTo("qa");
    assertThat(EnvironmentRule.apply(span("x").attr("lemma.environment", "dev").view()))
        .isEqualTo("dev");
    assertThat(EnvironmentRule.apply(span("x").view())).isEqualTo("default");
  }

  @Test
  void versionAndRelease() {
    assertThat(
            VersionReleaseRule.version(
                span("x").attr("langfuse.version", "2").resource("service.version", "1").view()))
        .isEqualTo("2");
    assertThat(VersionReleaseRule.version(span("x").resource("service.version", "1.4.0").view()))
        .isEqualTo("1.4.0");
    assertThat(VersionReleaseRule.release(span("x").resource("langfuse.release", "r9").view()))
        .isEqualTo("r9");
    assertThat(VersionReleaseRule.release(span("x").view())).isNull();
  }

  @Test
  void prompt_onlyForGenerations() {
    Spans s =
        span("x")
            .attr("langfuse.observation.prompt.name", "support")
            .attr("langfuse.observation.prompt.version", 3L);
    assertThat(PromptRule.apply(s.view(), ObservationType.GENERATION))
        .isEqualTo(new PromptRule.Prompt("support", 3));
    assertThat(PromptRule.apply(s.view(), ObservationType.SPAN)).isEqualTo(PromptRule.Prompt.NONE);
  }

  @Test
  void prompt_olderKeysAndAiSdkMetadata() {
    assertThat(
            PromptRule.apply(
                span("x")
                    .attr("langfuse.prompt.name", "p")
                    .attr("langfuse.prompt.version", "2")
                    .view(),
                ObservationType.GENERATION))
        .isEqualTo(new PromptRule.Prompt("p", 2));
    assertThat(
            PromptRule.apply(
                span("x")
                    .attr(
                        "ai.telemetry.metadata.langfusePrompt",
                        "{\"name\":\"vp\",\"version\":5,\"isFallback\":false}")
                    .view(),
                ObservationType.GENERATION))
        .isEqualTo(new PromptRule.Prompt("vp", 5));
  }
}
