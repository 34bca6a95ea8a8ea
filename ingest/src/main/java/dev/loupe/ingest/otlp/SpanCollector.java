package dev.loupe.ingest.otlp;

import dev.loupe.ingest.IngestResult.Rejection;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Gathers one request's spans and rejections in wire order and numbers the spans as they are read.
 */
final class SpanCollector {
  private final List<SpanRecord> spans = new ArrayList<>();
  private final List<Rejection> rejected = new ArrayList<>(0);
  private final boolean fromUtf8;
  private int nextIndex;

  /**
   * @param fromUtf8 whether the decoder reads every string from UTF-8 ({@link
   *     DecodedSpans#fromUtf8()})
   */
  SpanCollector(boolean fromUtf8) {
    this.fromUtf8 = fromUtf8;
  }

  /**
   * The position of the next span in the request, counted from 0 across all resources and scopes.
   */
  int nextIndex() {
    return nextIndex++;
  }

  void accept(SpanRecord span) {
    spans.add(span);
  }

  void reject(int index, String name, @Nullable String rawSpanId, String problem) {
    String spanId = SpanIds.spanIdOrNull(rawSpanId);
    String item = spanId != null ? spanId : "span #" + index;
    rejected.add(
        new Rejection(item, "span #" + index + " " + SpanIds.quote(name) + ": " + problem));
  }

  DecodedSpans result() {
    return new DecodedSpans(spans, rejected, fromUtf8);
  }
}
