package dev.loupe.ingest.convention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.loupe.model.Json;
import dev.loupe.semconv.CommonAttributes;
import dev.loupe.semconv.FrameworkAttributes;
import dev.loupe.semconv.GenAiAttributes;
import dev.loupe.semconv.LangfuseAttributes;
import dev.loupe.semconv.OpenInferenceAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Observation input and output, as JSON text. The first source that has either side gives both:
 * {@code langfuse.observation.input/output}; Vercel AI SDK {@code ai.*} ({@link VercelIo}); GenAI
 * span events ({@link SpanEventMessages}); Vertex ADK, Logfire, LiveKit, Logfire {@code events},
 * MLflow, Traceloop, older Lemma {@code ai.agent.*}, OpenInference/SmolAgents {@code
 * input.value/output.value}, bare {@code input/output}, Pydantic AI, Spring AI {@code
 * spring.ai.tool.call.arguments/result}; flattened {@code gen_ai.prompt.*} / {@code
 * gen_ai.completion.*} and {@code llm.input_messages.*} / {@code llm.output_messages.*}; {@code
 * gen_ai.input.messages/output.messages} with {@code gen_ai.system_instructions} in front; {@code
 * gen_ai.tool.call.arguments/result}.
 */
final class InputOutputRule {
  /** Input and output JSON text and the source that gave them (null when none). */
  record Result(@Nullable String input, @Nullable String output, @Nullable String source) {
    static final Result NONE = new Result(null, null, null);
  }

  /** A simple source: the first meaningful key of each side. */
  private record Pair(
      String label, String[] in, String[] out, @Nullable String scope, boolean skipEmptyObject) {
    static Pair of(String label, String in, String out) {
      return new Pair(label, new String[] {in}, new String[] {out}, null, false);
    }
  }

  private static final Pair LANGFUSE =
      Pair.of(
          LangfuseAttributes.OBSERVATION_INPUT + " / output",
          LangfuseAttributes.OBSERVATION_INPUT,
          LangfuseAttributes.OBSERVATION_OUTPUT);
  private static final Pair TOOL_CALL =
      Pair.of(
          "gen_ai.tool.call.arguments / result",
          GenAiAttributes.TOOL_CALL_ARGUMENTS,
          GenAiAttributes.TOOL_CALL_RESULT);
  private static final List<Pair> MIDDLE_PAIRS =
      List.of(
          new Pair(
              "Vertex AI ADK gcp.vertex.agent.*",
              new String[] {
                FrameworkAttributes.VERTEX_LLM_REQUEST, FrameworkAttributes.VERTEX_TOOL_CALL_ARGS
              },
              new String[] {
                FrameworkAttributes.VERTEX_LLM_RESPONSE, FrameworkAttributes.VERTEX_TOOL_RESPONSE
              },
              null,
              true),
          Pair.of(
              "Logfire prompt / all_messages_events",
              FrameworkAttributes.LOGFIRE_PROMPT,
              FrameworkAttributes.LOGFIRE_ALL_MESSAGES_EVENTS),
          new Pair(
              "LiveKit lk.*",
              new String[] {
                FrameworkAttributes.LIVEKIT_INPUT_TEXT,
                FrameworkAttributes.LIVEKIT_USER_TRANSCRIPT,
                FrameworkAttributes.LIVEKIT_CHAT_CTX
              },
              new String[] {
                FrameworkAttributes.LIVEKIT_FUNCTION_TOOL_OUTPUT,
                FrameworkAttributes.LIVEKIT_RESPONSE_TEXT
              },
              null,
              false));
  private static final List<Pair> LATE_PAIRS =
      List.of(
          Pair.of(
              "mlflow.spanInputs / mlflow.spanOutputs",
              FrameworkAttributes.MLFLOW_SPAN_INPUTS,
              FrameworkAttributes.MLFLOW_SPAN_OUTPUTS),
          Pair.of(
              "traceloop.entity.input / output",
              FrameworkAttributes.TRACELOOP_ENTITY_INPUT,
              FrameworkAttributes.TRACELOOP_ENTITY_OUTPUT),
          Pair.of(
              "ai.agent.input / ai.agent.output",
              FrameworkAttributes.LEMMA_AGENT_INPUT,
              FrameworkAttributes.LEMMA_AGENT_OUTPUT),
          Pair.of(
              "input.value / output.value",
              OpenInferenceAttributes.INPUT_VALUE,
              OpenInferenceAttributes.OUTPUT_VALUE),
          Pair.of("input / output", CommonAttributes.INPUT, CommonAttributes.OUTPUT),
          new Pair(
              "pydantic_ai.all_messages / final_result",
              new String[] {FrameworkAttributes.PYDANTIC_AI_ALL_MESSAGES},
              new String[] {FrameworkAttributes.PYDANTIC_AI_FINAL_RESULT},
              FrameworkAttributes.PYDANTIC_AI_SCOPE,
              false),
          Pair.of(
              "spring.ai.tool.call.arguments / result",
              SpringAi.CALL_ARGUMENTS,
              SpringAi.CALL_RESULT),
          Pair.of(
              "tool_arguments / tool_response",
              FrameworkAttributes.PYDANTIC_AI_TOOL_ARGUMENTS,
              FrameworkAttributes.PYDANTIC_AI_TOOL_RESPONSE));

  /** Keys that hold input/output, left out of the observation's {@code metadata.attributes}. */
  private static final Set<String> IO_KEYS = ioKeys();

  private InputOutputRule() {}

  static Result apply(SpanView s) {
    Result r = pair(s, LANGFUSE);
    if (r == null) r = VercelIo.apply(s);
    if (r == null) r = events(SpanEventMessages.genAiEvents(s.span.events()));
    if (r == null) r = events(SpanEventMessages.contentEvents(s.span.events()));
    for (int i = 0; r == null && i < MIDDLE_PAIRS.size(); i++) r = pair(s, MIDDLE_PAIRS.get(i));
    if (r == null) r = logfireEvents(s);
    for (int i = 0; r == null && i < LATE_PAIRS.size(); i++) r = pair(s, LATE_PAIRS.get(i));
    if (r == null)
      r =
          flattened(
              s,
              GenAiAttributes.PROMPT,
              KeyGroup.GEN_AI_PROMPT,
              GenAiAttributes.COMPLETION,
              KeyGroup.GEN_AI_COMPLETION,
              "gen_ai.prompt.* / gen_ai.completion.*");
    if (r == null)
      r =
          flattened(
              s,
              null,
              KeyGroup.LLM_INPUT_MESSAGES,
              null,
              KeyGroup.LLM_OUTPUT_MESSAGES,
              "llm.input_messages.* / llm.output_messages.* (flattened)");
    if (r == null) r = genAiMessages(s);
    if (r == null) r = pair(s, TOOL_CALL);
    return r == null ? Result.NONE : r;
  }

  /** True for keys holding input/output in any dialect. */
  static boolean isIoKey(String key) {
    if (IO_KEYS.contains(key)) return true;
    KeyGroup g = KeyGroup.of(key);
    return g == KeyGroup.GEN_AI_PROMPT
        || g == KeyGroup.GEN_AI_COMPLETION
        || g == KeyGroup.LLM_INPUT_MESSAGES
        || g == KeyGroup.LLM_OUTPUT_MESSAGES;
  }

  static @Nullable Result of(@Nullable Object input, @Nullable Object output, String source) {
    if (input == null && output == null) return null;
    return new Result(
        input == null ? null : Values.jsonText(input),
        output == null ? null : Values.jsonText(output),
        source);
  }

  private static @Nullable Result pair(SpanView s, Pair p) {
    if (p.scope() != null && !s.scopeIs(p.scope())) return null;
    return of(
        first(s, p.in(), p.skipEmptyObject()), first(s, p.out(), p.skipEmptyObject()), p.label());
  }

  private static @Nullable Object first(SpanView s, String[] keys, boolean skipEmptyObject) {
    for (String k : keys) {
      Object v = s.attr(k);
      if (v != null && !(skipEmptyObject && "{}".equals(v))) return v;
    }
    return null;
  }

  private static @Nullable Result events(SpanEventMessages.@Nullable Found f) {
    return f == null ? null : of(f.input(), f.output(), f.source());
  }

  /**
   * Logfire's single {@code events} array: {@code gen_ai.choice} is the output, the other entries
   * the input.
   */
  private static @Nullable Result logfireEvents(SpanView s) {
    Object raw = s.attr(FrameworkAttributes.LOGFIRE_EVENTS);
    JsonNode events = raw == null ? null : Values.tree(raw);
    if (events == null || !events.isArray() || events.isEmpty()) return null;
    ArrayNode input = Json.MAPPER.createArrayNode();
    JsonNode choice = null;
    for (JsonNode e : events) {
      if (choice == null && GenAiAttributes.EVENT_CHOICE.equals(e.path("event.name").asText()))
        choice = e;
      else input.add(e);
    }
    return of(input.isEmpty() ? null : input, choice, "Logfire events");
  }

  private static @Nullable Result flattened(
      SpanView s,
      @Nullable String inKey,
      KeyGroup in,
      @Nullable String outKey,
      KeyGroup out,
      String label) {
    Object input = inKey == null ? null : s.attr(inKey);
    Object output = outKey == null ? null : s.attr(outKey);
    if (input == null && !s.keys(in).isEmpty()) input = FlatKeys.nest(s, in);
    if (output == null && !s.keys(out).isEmpty()) output = FlatKeys.nest(s, out);
    return of(input, output, label);
  }

  private static @Nullable Result genAiMessages(SpanView s) {
    Object rawIn = s.attr(GenAiAttributes.INPUT_MESSAGES);
    Object output = s.attr(GenAiAttributes.OUTPUT_MESSAGES);
    Object instructions = s.attr(GenAiAttributes.SYSTEM_INSTRUCTIONS);
    if (rawIn == null && output == null && instructions == null) return null;
    Object input = rawIn;
    if (instructions != null) {
      JsonNode parsed = rawIn == null ? null : Values.tree(rawIn);
      if (rawIn == null || parsed != null) input = SystemInstructions.prepend(parsed, instructions);
    }
    return of(
        input,
        output,
        instructions == null
            ? "gen_ai.input.messages / gen_ai.output.messages"
            : "gen_ai.input.messages (+ gen_ai.system_instructions) / gen_ai.output.messages");
  }

  private static Set<String> ioKeys() {
    Set<String> keys =
        new HashSet<>(
            List.of(
                LangfuseAttributes.TRACE_INPUT,
                LangfuseAttributes.TRACE_OUTPUT,
                LangfuseAttributes.OBSERVATION_INPUT,
                LangfuseAttributes.OBSERVATION_OUTPUT,
                GenAiAttributes.PROMPT,
                GenAiAttributes.COMPLETION,
                GenAiAttributes.INPUT_MESSAGES,
                GenAiAttributes.OUTPUT_MESSAGES,
                GenAiAttributes.TOOL_CALL_ARGUMENTS,
                GenAiAttributes.TOOL_CALL_RESULT,
                GenAiAttributes.SYSTEM_INSTRUCTIONS,
                FrameworkAttributes.LOGFIRE_EVENTS));
    keys.addAll(VercelIo.KEYS);
    for (List<Pair> pairs : List.of(MIDDLE_PAIRS, LATE_PAIRS)) {
      for (Pair p : pairs) {
        keys.addAll(List.of(p.in()));
        keys.addAll(List.of(p.out()));
      }
    }
    return Set.copyOf(keys);
  }
}
