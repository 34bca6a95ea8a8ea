package dev.loupe.ingest.convention;

import dev.loupe.semconv.CommonAttributes;
import dev.loupe.semconv.LangfuseAttributes;
import org.jspecify.annotations.Nullable;

/**
 * Version: {@code langfuse.version}, else {@code service.version} (span, then resource). Release:
 * {@code langfuse.release} (span, then resource).
 */
final class VersionReleaseRule {
  private VersionReleaseRule() {}

  static @Nullable String version(SpanView s) {
    return first(s, LangfuseAttributes.VERSION, CommonAttributes.SERVICE_VERSION);
  }

  static @Nullable String release(SpanView s) {
    return first(s, LangfuseAttributes.RELEASE);
  }

  private static @Nullable String first(SpanView s, String... keys) {
    for (String key : keys) {
      Object v = s.attr(key);
      if (v == null) v = s.resourceAttr(key);
      if (v != null) return Values.text(v);
    }
    return null;
  }
}
