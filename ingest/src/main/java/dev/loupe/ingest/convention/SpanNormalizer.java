package dev.loupe.ingest.convention;

import dev.loupe.ingest.otlp.SpanRecord;

/** Applies the attribute conventions of every dialect to one span. (Placeholder: body being written.) */
public final class SpanNormalizer {
  public NormalizedSpan normalize(String projectId, SpanRecord span) {
    throw new UnsupportedOperationException("not yet written");
  }
}
