package dev.loupe.ingest.convention;

import dev.loupe.ingest.otlp.SpanRecord.SpanEvent;
import dev.loupe.semconv.GenAiAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Chat content recorded as span events. OTel GenAI events: {@code
 * gen_ai.{system,user,assistant,tool}.message} become input messages {@code {role, ...attributes}},
 * {@code gen_ai.choice} events the output (one choice as an object, several as an array). Older
 * Spring AI / Semantic Kernel events: {@code gen_ai.content.prompt} and {@code
 * gen_ai.content.completion} carry the text in their {@code gen_ai.prompt}/{@code
 * gen_ai.completion} attribute.
 */
final class SpanEventMessages {
  /** What the events held; either side may be null. */
  record Found(@Nullable Object input, @Nullable Object output, String source) {}

  private SpanEventMessages() {}

  static @Nullable Found genAiEvents(List<SpanEvent> events) {
    List<Object> input = null;
    List<Object> output = null;
    for (SpanEvent e : events) {
      String role = role(e.name());
      if (role != null) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", role);
        message.putAll(e.attributes());
        if (input == null) input = new ArrayList<>();
        input.add(message);
      } else if (GenAiAttributes.EVENT_CHOICE.equals(e.name())) {
        if (output == null) output = new ArrayList<>();
        output.add(new LinkedHashMap<>(e.attributes()));
      }
    }
    if (input == null && output == null) return null;
    Object out = output != null && output.size() == 1 ? output.get(0) : output;
    return new Found(input, out, "span events gen_ai.*.message / gen_ai.choice");
  }

  static @Nullable Found contentEvents(List<SpanEvent> events) {
    Object input = null;
    Object output = null;
    for (SpanEvent e : events) {
      if (input == null && GenAiAttributes.EVENT_CONTENT_PROMPT.equals(e.name())) {
        input = content(e, GenAiAttributes.PROMPT);
      } else if (output == null && GenAiAttributes.EVENT_CONTENT_COMPLETION.equals(e.name())) {
        output = content(e, GenAiAttributes.COMPLETION);
      }
    }
    return input == null && output == null
        ? null
        : new Found(input, output, "span events gen_ai.content.prompt / gen_ai.content.completion");
  }

  private static @Nullable Object content(SpanEvent e, String key) {
    Object v = e.attributes().get(key);
    if (Values.meaningful(v)) return v;
    return e.attributes().isEmpty() ? null : e.attributes();
  }

  private static @Nullable String role(String eventName) {
    return switch (eventName) {
      case GenAiAttributes.EVENT_SYSTEM_MESSAGE -> "system";
      case GenAiAttributes.EVENT_USER_MESSAGE -> "user";
      case GenAiAttributes.EVENT_ASSISTANT_MESSAGE -> "assistant";
      case GenAiAttributes.EVENT_TOOL_MESSAGE -> "tool";
      default -> null;
    };
  }
}
