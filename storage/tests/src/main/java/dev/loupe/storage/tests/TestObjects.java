package dev.loupe.storage.tests;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Deterministic test data: a fixed clock and a support agent's traces with realistic content. Times
 * carry microseconds, the model's precision. Factories return fully populated rows; tests null out
 * or change what they need with {@code toBuilder()}.
 */
public final class TestObjects {
  /** Midnight UTC of a fixed day: the suite's clock. */
  public static final Instant TODAY = Instant.parse("2026-03-02T00:00:00Z");

  public static final String PROJECT = "project-a";
  public static final String OTHER_PROJECT = "project-b";

  private TestObjects() {}

  /** A 32-hex-digit trace id; ids sort like their numbers. */
  public static String traceId(int n) {
    return "4bf92f3577b34da6a3ce929d%08x".formatted(n);
  }

  /** A 16-hex-digit observation id; ids sort like their numbers. */
  public static String observationId(int n) {
    return "00f067aa%08x".formatted(n);
  }

  /** {@code TODAY} plus the given hours, with microseconds, so precision loss shows. */
  public static Instant at(int hours) {
    return TODAY.plus(Duration.ofHours(hours)).plusNanos(123_456_000);
  }

  /** A trace of {@link #PROJECT} at {@code at(1)} with every field set. */
  public static Trace trace(String id) {
    return trace(PROJECT, id, at(1));
  }

  /** A trace with every field set. */
  public static Trace trace(String projectId, String id, Instant timestamp) {
    return Trace.builder(projectId, id, timestamp)
        .name("support-agent")
        .userId("user-4821")
        .sessionId("session-77")
        .tags(List.of("support", "tier-2"))
        .input("{\"role\":\"user\",\"content\":\"My order #1182 never arrived. Can you check?\"}")
        .output("\"I found order #1182: it ships tomorrow. I have sent you the tracking link.\"")
        .metadata("{\"channel\":\"web\",\"customer_tier\":\"gold\"}")
        .environment("production")
        .release("2026.03.1")
        .version("agent-v3")
        .build();
  }

  /** The agent's root span. */
  public static Observation span(Trace trace, String id, Instant start) {
    return base(trace, id, start, ObservationType.AGENT)
        .name("support-agent.run")
        .endTime(start.plusMillis(2_400))
        .input("{\"question\":\"My order #1182 never arrived. Can you check?\"}")
        .output("{\"answer\":\"It ships tomorrow.\"}")
        .metadata("{\"framework\":\"langgraph\"}")
        .mappingNotes(Map.of("type", "openinference.span.kind=AGENT"))
        .build();
  }

  /** A chat completion with usage, cost, model parameters and a prompt reference. */
  public static Observation generation(Trace trace, String id, Instant start) {
    return base(trace, id, start, ObservationType.GENERATION)
        .name("chat gpt-4o-mini")
        .endTime(start.plusMillis(1_210))
        .completionStartTime(start.plusMillis(348))
        .model("gpt-4o-mini")
        .modelParameters("{\"temperature\":0.2,\"max_tokens\":1024}")
        .input(
            "[{\"role\":\"system\",\"content\":\"You are a support agent.\"},"
                + "{\"role\":\"user\",\"content\":\"My order #1182 never arrived.\"}]")
        .output(
            "{\"role\":\"assistant\",\"content\":\"Let me look that up.\",\"tool_calls\":"
                + "[{\"name\":\"lookup_order\",\"arguments\":\"{\\\"id\\\":1182}\"}]}")
        .metadata("{\"provider\":\"openai\",\"ls_run_id\":\"r-19\"}")
        .usageDetails(
            Map.of("input", 900L, "input_cached_tokens", 300L, "output", 215L, "total", 1415L))
        .costDetails(
            Map.of(
                "input", new BigDecimal("0.000135"),
                "input_cached_tokens", new BigDecimal("0.0000225"),
                "output", new BigDecimal("0.000129"),
                "total", new BigDecimal("0.0002865")))
        .costSource(CostSource.CALCULATED)
        .pricedModelId("gpt-4o-mini")
        .promptName("support-system")
        .promptVersion(3)
        .mappingNotes(Map.of("type", "gen_ai.operation.name=chat", "usage", "gen_ai.usage.*"))
        .build();
  }

  /** A tool call. */
  public static Observation tool(Trace trace, String id, Instant start) {
    return base(trace, id, start, ObservationType.TOOL)
        .name("lookup_order")
        .endTime(start.plusMillis(85))
        .input("{\"id\":1182}")
        .output("{\"status\":\"delayed\",\"ships\":\"2026-03-03\"}")
        .metadata("{\"http.status_code\":200}")
        .build();
  }

  /** A point-in-time event: no end time. */
  public static Observation event(Trace trace, String id, Instant start) {
    return base(trace, id, start, ObservationType.EVENT)
        .name("guardrail.passed")
        .level(Level.DEBUG)
        .statusMessage("no PII found")
        .metadata("{\"checks\":[\"pii\",\"toxicity\"]}")
        .build();
  }

  /**
   * A whole agent run under {@code trace}: root span, generation, tool, second generation and
   * event, in trace order, ids {@code observationId(first) .. observationId(first + 4)}.
   */
  public static List<Observation> agentRun(Trace trace, int first) {
    Instant t = trace.timestamp();
    Observation root = span(trace, observationId(first), t);
    String parent = root.id();
    return List.of(
        root,
        child(generation(trace, observationId(first + 1), t.plusMillis(20)), parent),
        child(tool(trace, observationId(first + 2), t.plusMillis(1_240)), parent),
        child(generation(trace, observationId(first + 3), t.plusMillis(1_330)), parent),
        child(event(trace, observationId(first + 4), t.plusMillis(2_390)), parent));
  }

  private static Observation child(Observation o, String parentId) {
    return o.toBuilder().parentObservationId(parentId).build();
  }

  private static Observation.Builder base(
      Trace trace, String id, Instant start, ObservationType type) {
    return Observation.builder(trace.projectId(), id, trace.id(), start)
        .type(type)
        .environment(trace.environment())
        .version(trace.version())
        .release(trace.release());
  }
}
