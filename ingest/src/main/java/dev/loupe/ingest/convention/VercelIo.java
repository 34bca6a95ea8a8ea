package dev.loupe.ingest.convention;

import dev.loupe.semconv.VercelAiAttributes;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Input/output of Vercel AI SDK spans (scope {@code ai}, or any span with {@code ai.operationId}):
 * input {@code ai.prompt.messages} | {@code ai.prompt} | {@code ai.toolCall.args}; output an
 * assistant message {@code {role, content: ai.response.text, tool_calls: ai.response.toolCalls}}
 * when both are present, else {@code ai.response.text} | {@code ai.result.text} | {@code
 * ai.toolCall.result} | {@code ai.response.object} | {@code ai.result.object} | {@code
 * ai.response.toolCalls} | {@code ai.result.toolCalls} (ai.result.* is the SDK before 4.0).
 */
final class VercelIo {
  private static final String[] INPUT_KEYS = {
    VercelAiAttributes.PROMPT_MESSAGES, VercelAiAttributes.PROMPT, VercelAiAttributes.TOOL_CALL_ARGS
  };
  private static final String[] OUTPUT_KEYS = {
    VercelAiAttributes.RESPONSE_TEXT,
    VercelAiAttributes.RESULT_TEXT,
    VercelAiAttributes.TOOL_CALL_RESULT,
    VercelAiAttributes.RESPONSE_OBJECT,
    VercelAiAttributes.RESULT_OBJECT,
    VercelAiAttributes.RESPONSE_TOOL_CALLS,
    VercelAiAttributes.RESULT_TOOL_CALLS
  };

  /** Every key this rule reads input or output from. */
  static final List<String> KEYS =
      Stream.concat(Arrays.stream(INPUT_KEYS), Arrays.stream(OUTPUT_KEYS)).toList();

  private VercelIo() {}

  static InputOutputRule.@Nullable Result apply(SpanView s) {
    if (!s.scopeIs(VercelAiAttributes.SCOPE_NAME) && !s.has(VercelAiAttributes.OPERATION_ID))
      return null;
    String inKey = s.firstKey(INPUT_KEYS);
    Object input = inKey == null ? null : s.attr(inKey);
    Object output;
    String outLabel;
    if (s.attributes.containsKey(VercelAiAttributes.RESPONSE_TEXT)
        && s.has(VercelAiAttributes.RESPONSE_TOOL_CALLS)) {
      Object text = s.attributes.get(VercelAiAttributes.RESPONSE_TEXT);
      Map<String, Object> message = new LinkedHashMap<>();
      message.put("role", "assistant");
      message.put("content", text == null ? "" : text);
      message.put("tool_calls", Values.embeddable(s.attr(VercelAiAttributes.RESPONSE_TOOL_CALLS)));
      output = message;
      outLabel = "ai.response.text + ai.response.toolCalls";
    } else {
      String outKey = s.firstKey(OUTPUT_KEYS);
      output = outKey == null ? null : s.attr(outKey);
      outLabel = outKey;
    }
    String label =
        "Vercel AI SDK "
            + (inKey == null ? "-" : inKey)
            + " / "
            + (outLabel == null ? "-" : outLabel);
    return InputOutputRule.of(input, output, label);
  }
}
