package dev.loupe.ingest.convention;

import dev.loupe.model.UsageScope;
import dev.loupe.semconv.GenAiAttributes;
import dev.loupe.semconv.OpenInferenceAttributes;
import dev.loupe.semconv.VercelAiAttributes;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether a span's usage (or cost) is the total of its descendants' model calls ({@link
 * UsageScope#DESCENDANTS}: shown, never priced or summed), by dialect:
 *
 * <ul>
 *   <li>Vercel AI SDK ({@code ai.operationId}, or {@code operation.name} "{@code <id>
 *       [functionId]}"): the outer operations that wrap model-call spans — {@code ai.generateText},
 *       {@code ai.streamText}, {@code ai.generateObject}, {@code ai.streamObject}, {@code
 *       ai.embed}, {@code ai.embedMany}, {@code ai.rerank}, {@code ai.decide}, {@code
 *       ai.workflowAgent.stream}. Their {@code .doGenerate}/{@code .doStream}/{@code .doEmbed}/...
 *       children are the calls, and single-span operations ({@code ai.toolCall}, {@code
 *       ai.generateSpeech}, {@code ai.transcribe}) keep their own usage.
 *   <li>OTel GenAI {@code gen_ai.operation.name}: {@code invoke_agent} (unless the span kind is
 *       CLIENT: a remote agent service, whose model calls are not in this trace, so its usage is
 *       the only record of them), {@code invoke_workflow}, the AI SDK's {@code agent_step}, and the
 *       Strands Agents orchestrations {@code invoke_graph} / {@code invoke_swarm}.
 *   <li>OpenInference {@code openinference.span.kind} AGENT or CHAIN: their model calls are LLM
 *       spans, so token counts on them are run totals (e.g. smolagents' agent run).
 * </ul>
 *
 * Langfuse ({@code langfuse.observation.*}), the Langfuse batch API and the Lemma wire say what
 * they mean: their usage is always the observation's own.
 */
final class UsageScopeRule {
  private static final Set<String> VERCEL_OUTER =
      Set.of(
          VercelAiAttributes.OP_GENERATE_TEXT,
          VercelAiAttributes.OP_STREAM_TEXT,
          VercelAiAttributes.OP_GENERATE_OBJECT,
          VercelAiAttributes.OP_STREAM_OBJECT,
          VercelAiAttributes.OP_EMBED,
          VercelAiAttributes.OP_EMBED_MANY,
          VercelAiAttributes.OP_RERANK,
          VercelAiAttributes.OP_DECIDE,
          VercelAiAttributes.OP_WORKFLOW_AGENT_STREAM);
  private static final Set<String> GEN_AI_AGGREGATES =
      Set.of(
          GenAiAttributes.OPERATION_INVOKE_AGENT,
          GenAiAttributes.OPERATION_INVOKE_WORKFLOW,
          GenAiAttributes.OPERATION_AGENT_STEP,
          GenAiAttributes.OPERATION_INVOKE_GRAPH,
          GenAiAttributes.OPERATION_INVOKE_SWARM);
  private static final Set<String> OPEN_INFERENCE_AGGREGATES =
      Set.of(OpenInferenceAttributes.KIND_AGENT, OpenInferenceAttributes.KIND_CHAIN);

  /** OTLP span kind CLIENT. */
  private static final int KIND_CLIENT = 3;

  private UsageScopeRule() {}

  /**
   * {@link UsageScope#DESCENDANTS} and why for a span that reports its descendants' usage; null
   * when the usage is its own. Call it for spans that carry usage or a cost.
   */
  static @Nullable Mapped<UsageScope> apply(SpanView s) {
    String vercel = vercelOperation(s);
    if (vercel != null && VERCEL_OUTER.contains(vercel)) {
      return descendants(
          "Vercel AI SDK " + vercel + " reports the total of its model calls (" + vercel + ".do*)");
    }
    if (s.attr(GenAiAttributes.OPERATION_NAME) instanceof String op
        && GEN_AI_AGGREGATES.contains(op)) {
      if (op.equals(GenAiAttributes.OPERATION_INVOKE_AGENT) && s.span.kind() == KIND_CLIENT) {
        return null; // a remote agent: the usage is the only record of its model calls
      }
      return descendants(
          GenAiAttributes.OPERATION_NAME + "=" + op + " reports the total of its model calls");
    }
    if (s.attr(OpenInferenceAttributes.SPAN_KIND) instanceof String kind
        && OPEN_INFERENCE_AGGREGATES.contains(kind.toUpperCase(Locale.ROOT))) {
      return descendants(
          OpenInferenceAttributes.SPAN_KIND
              + "="
              + kind
              + " reports the total of its LLM spans' token counts");
    }
    return null;
  }

  private static Mapped<UsageScope> descendants(String why) {
    return new Mapped<>(UsageScope.DESCENDANTS, why + "; shown, not priced, not added to totals");
  }

  /** {@code ai.operationId}, else the operation id at the start of {@code operation.name}. */
  private static @Nullable String vercelOperation(SpanView s) {
    if (s.attr(VercelAiAttributes.OPERATION_ID) instanceof String id) return id;
    if (!(s.attr(VercelAiAttributes.OPERATION_NAME) instanceof String name)
        || !name.startsWith("ai.")) {
      return null;
    }
    int space = name.indexOf(' ');
    return space < 0 ? name : name.substring(0, space);
  }
}
