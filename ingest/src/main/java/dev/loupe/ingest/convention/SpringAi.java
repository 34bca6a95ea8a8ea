package dev.loupe.ingest.convention;

import dev.loupe.model.ObservationType;
import dev.loupe.semconv.FrameworkAttributes;
import org.jspecify.annotations.Nullable;

/**
 * Spring AI (1.x) keys that are not OTel GenAI ones. A tool execution, observed by its {@code
 * ToolCallingManager}, is a span {@code tool_call <kebab-name>} with {@code
 * spring.ai.kind=tool_call}, {@code gen_ai.operation.name=framework} and the tool's {@code
 * spring.ai.tool.definition.name}; its arguments and result are there only with {@code
 * spring.ai.tools.observations.include-content=true}.
 */
final class SpringAi {
  static final String KIND = FrameworkAttributes.SPRING_AI_KIND;
  static final String KIND_TOOL_CALL = FrameworkAttributes.SPRING_AI_KIND_TOOL_CALL;
  static final String DEFINITION_NAME = FrameworkAttributes.SPRING_AI_TOOL_DEFINITION_NAME;
  static final String CALL_ARGUMENTS = FrameworkAttributes.SPRING_AI_TOOL_CALL_ARGUMENTS;
  static final String CALL_RESULT = FrameworkAttributes.SPRING_AI_TOOL_CALL_RESULT;

  /**
   * The value Spring AI's chat convention gives {@code gen_ai.response.model} when there was no
   * response (a failed call): Micrometer's {@code KeyValue.NONE_VALUE}.
   */
  static final String NO_VALUE = "none";

  private SpringAi() {}

  static boolean isToolCall(SpanView s) {
    return KIND_TOOL_CALL.equals(s.attr(KIND));
  }

  static @Nullable Mapped<ObservationType> type(SpanView s) {
    return isToolCall(s) ? new Mapped<>(ObservationType.TOOL, KIND + "=" + KIND_TOOL_CALL) : null;
  }

  /** The tool's declared name, rather than the span name {@code tool_call <kebab-name>}. */
  static @Nullable Mapped<String> name(SpanView s) {
    String name = isToolCall(s) ? s.string(DEFINITION_NAME) : null;
    return name == null ? null : new Mapped<>(name, DEFINITION_NAME);
  }
}
