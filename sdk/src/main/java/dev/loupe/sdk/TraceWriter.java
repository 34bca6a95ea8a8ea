package dev.loupe.sdk;

import dev.loupe.semconv.CommonAttributes;
import dev.loupe.semconv.LangfuseAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import java.util.Map;

/** Writes {@link TraceAttributes} onto a span with the keys the Langfuse TS SDK v4+ uses. */
final class TraceWriter {
  private static final AttributeKey<java.util.List<String>> TAGS =
      AttributeKey.stringArrayKey(LangfuseAttributes.TRACE_TAGS);

  private TraceWriter() {}

  static void write(Span span, TraceAttributes t) {
    if (!span.isRecording() || t.isEmpty()) return;
    setText(span, LangfuseAttributes.TRACE_NAME, t.name);
    setText(span, CommonAttributes.USER_ID, t.userId);
    setText(span, CommonAttributes.SESSION_ID, t.sessionId);
    if (!t.tags.isEmpty()) span.setAttribute(TAGS, t.tags);
    for (Map.Entry<String, Object> e : t.metadata.entrySet()) {
      span.setAttribute(
          LangfuseAttributes.TRACE_METADATA_PREFIX + e.getKey(), JsonText.of(e.getValue()));
    }
    setText(span, LangfuseAttributes.VERSION, t.version);
    setText(span, LangfuseAttributes.RELEASE, t.release);
    setText(span, LangfuseAttributes.ENVIRONMENT, t.environment);
    if (t.isPublic != null) span.setAttribute(LangfuseAttributes.TRACE_PUBLIC, t.isPublic);
    if (t.input != null) span.setAttribute(LangfuseAttributes.TRACE_INPUT, JsonText.of(t.input));
    if (t.output != null) span.setAttribute(LangfuseAttributes.TRACE_OUTPUT, JsonText.of(t.output));
  }

  private static void setText(Span span, String key, String value) {
    if (value != null) span.setAttribute(key, value);
  }
}
