package dev.loupe.ingest.convention;

import dev.loupe.ingest.otlp.SpanRecord.SpanEvent;
import dev.loupe.semconv.CommonAttributes;
import dev.loupe.semconv.LangfuseAttributes;
import org.jspecify.annotations.Nullable;

/**
 * The status message: {@code langfuse.observation.status_message}, else the OTel status message,
 * else (for a span with error status) the first {@code exception} event as {@code "<type>:
 * <message>"}.
 */
final class StatusMessageRule {
  private StatusMessageRule() {}

  static @Nullable String apply(SpanView s) {
    String sent = s.string(LangfuseAttributes.OBSERVATION_STATUS_MESSAGE);
    if (sent != null) return sent;
    String status = s.span.statusMessage();
    if (status != null && !status.isEmpty()) return status;
    if (s.span.statusCode() != LevelRule.STATUS_ERROR) return null;
    for (SpanEvent e : s.span.events()) {
      if (!CommonAttributes.EXCEPTION_EVENT.equals(e.name())) continue;
      Object type = e.attributes().get(CommonAttributes.EXCEPTION_TYPE);
      Object message = e.attributes().get(CommonAttributes.EXCEPTION_MESSAGE);
      if (Values.meaningful(type) && Values.meaningful(message))
        return Values.text(type) + ": " + Values.text(message);
      if (Values.meaningful(message)) return Values.text(message);
      if (Values.meaningful(type)) return Values.text(type);
    }
    return null;
  }
}
