package dev.loupe.ingest.convention;

import dev.loupe.model.Bounds;
import dev.loupe.model.Times;
import dev.loupe.semconv.LangfuseAttributes;
import dev.loupe.semconv.VercelAiAttributes;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Time of the first token: {@code langfuse.observation.completion_start_time} (ISO-8601; older SDKs
 * quote it twice, {@code "\"2025-10-01T08:45:26.112648Z\""}; no offset means UTC), else span start
 * + {@code ai.response.msToFirstChunk} (or {@code ai.stream.msToFirstChunk}) milliseconds.
 */
final class CompletionStartTimeRule {
  private static final BigDecimal MICROS_PER_MILLI = BigDecimal.valueOf(1000);

  /** The span of {@link Bounds}' times: no time to first token can be longer. */
  private static final BigDecimal MAX_MILLIS =
      BigDecimal.valueOf(Duration.between(Bounds.MIN_TIME, Bounds.END_TIME).toMillis());

  private CompletionStartTimeRule() {}

  static @Nullable Instant apply(SpanView s) {
    String iso = s.string(LangfuseAttributes.OBSERVATION_COMPLETION_START_TIME);
    Instant parsed = iso == null ? null : parseIso(unquote(iso.strip()));
    if (parsed != null) return parsed;
    String key =
        s.firstKey(
            VercelAiAttributes.RESPONSE_MS_TO_FIRST_CHUNK,
            VercelAiAttributes.STREAM_MS_TO_FIRST_CHUNK);
    BigDecimal ms = key == null ? null : Values.decimal(s.attr(key));
    if (ms == null || ms.signum() < 0) return null;
    if (ms.compareTo(MAX_MILLIS) > 0) {
      throw new IllegalArgumentException(key + ": " + ms + " ms is longer than any trace can be");
    }
    long micros = ms.multiply(MICROS_PER_MILLI).longValue();
    return Times.fromEpochMicros(Times.toEpochMicros(s.start()) + micros);
  }

  private static String unquote(String v) {
    String t = v;
    while (t.length() >= 2 && t.charAt(0) == '"' && t.charAt(t.length() - 1) == '"') {
      t = t.substring(1, t.length() - 1).replace("\\\"", "\"");
    }
    return t;
  }

  static @Nullable Instant parseIso(String v) {
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      // no offset: read as UTC below
    }
    try {
      return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
