package dev.loupe.ingest.otlp;

import dev.loupe.ingest.IngestResult.Rejection;
import java.util.List;

/**
 * What a decoder read from one OTLP export request: the valid spans and the rejected ones, both in
 * wire order. A span is rejected when its ids are unusable (missing, wrong length, not hex, all
 * zeros); the reason names the span (its position in the request and its name) and the field. The
 * lists are owned by the caller.
 *
 * @param fromUtf8 every string of the spans was decoded from UTF-8 (a protobuf body): such text
 *     holds no unpaired UTF-16 surrogate, as UTF-8 cannot encode one alone (JSON can escape one:
 *     {@code "\ud800"})
 */
public record DecodedSpans(List<SpanRecord> spans, List<Rejection> rejected, boolean fromUtf8) {}
