package dev.loupe.ingest.convention;

import dev.loupe.semconv.FrameworkAttributes;
import dev.loupe.semconv.GenAiAttributes;
import dev.loupe.semconv.VercelAiAttributes;

/**
 * The observation name: {@code gen_ai.tool.name}, {@code genkit:name}, {@code logfire.msg}, {@code
 * ai.toolCall.name}, Spring AI {@code spring.ai.tool.definition.name} on a tool call, {@code
 * [ai.telemetry.functionId:]ai.operationId}, else the span name.
 */
final class NameRule {
  private static final String[] NAME_KEYS = {
    GenAiAttributes.TOOL_NAME,
    FrameworkAttributes.GENKIT_NAME,
    FrameworkAttributes.LOGFIRE_MSG,
    VercelAiAttributes.TOOL_CALL_NAME
  };

  private NameRule() {}

  static Mapped<String> apply(SpanView s) {
    String key = s.firstKey(NAME_KEYS);
    if (key != null) return new Mapped<>(s.string(key), key);
    Mapped<String> springTool = SpringAi.name(s);
    if (springTool != null) return springTool;
    String operationId = s.string(VercelAiAttributes.OPERATION_ID);
    if (operationId != null) {
      String functionId = s.string(VercelAiAttributes.TELEMETRY_FUNCTION_ID);
      return functionId == null
          ? new Mapped<>(operationId, VercelAiAttributes.OPERATION_ID)
          : new Mapped<>(functionId + ":" + operationId, "ai.telemetry.functionId:ai.operationId");
    }
    return new Mapped<>(s.span.name(), "span name");
  }
}
