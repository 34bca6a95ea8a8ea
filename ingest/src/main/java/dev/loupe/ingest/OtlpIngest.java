package dev.loupe.ingest;

import static java.util.Objects.requireNonNull;

import dev.loupe.ingest.IngestResult.Rejection;
import dev.loupe.ingest.convention.NormalizedSpan;
import dev.loupe.ingest.convention.SpanNormalizer;
import dev.loupe.ingest.otlp.DecodedSpans;
import dev.loupe.ingest.otlp.OtlpBodyDecoder;
import dev.loupe.ingest.otlp.OtlpResponse;
import dev.loupe.ingest.otlp.SpanRecord;
import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * OTLP/HTTP trace export bodies to the model: decodes protobuf or OTLP/JSON (optionally gzip),
 * applies the attribute conventions to each span, and answers with an {@code
 * ExportTraceServiceResponse}. Spans that cannot be used (bad ids, values out of {@link
 * dev.loupe.model.Bounds}, anything their mapping refuses) are rejected one by one, naming the
 * field; the rest of the request is kept. Thread-safe.
 *
 * <pre>{@code
 * IngestResult result = ingest.ingest(projectId, body, "application/x-protobuf", "gzip");
 * ingestion.store(result); // dev.loupe.pipeline.Ingestion: priced, merged, stored
 * byte[] answer = ingest.response(result, false);
 * }</pre>
 */
public final class OtlpIngest {
  /** The default cap on the size a gzip body may inflate to: 64 MiB. */
  public static final int DEFAULT_MAX_INFLATED_BYTES = 64 * 1024 * 1024;

  private final OtlpBodyDecoder decoder;
  private final SpanNormalizer normalizer;

  public OtlpIngest() {
    this(DEFAULT_MAX_INFLATED_BYTES);
  }

  /**
   * @param maxInflatedBytes beyond this inflated size a gzip body is rejected as {@code TOO_LARGE}
   */
  public OtlpIngest(int maxInflatedBytes) {
    this.decoder = new OtlpBodyDecoder(maxInflatedBytes);
    this.normalizer = new SpanNormalizer();
  }

  /**
   * Decodes and normalizes one export request.
   *
   * @param contentType the request's Content-Type (protobuf when it contains {@code
   *     application/x-protobuf}, JSON when it contains {@code application/json})
   * @param contentEncoding {@code gzip} or null/identity
   * @throws BadPayloadException when the body as a whole cannot be read
   */
  public IngestResult ingest(
      String projectId,
      byte[] body,
      @Nullable String contentType,
      @Nullable String contentEncoding) {
    requireNonNull(projectId, "projectId");
    requireNonNull(body, "body");
    DecodedSpans decoded = decoder.decode(body, contentType, contentEncoding);
    List<SpanRecord> spans = decoded.spans();
    List<Trace> traces = new ArrayList<>(spans.size());
    List<Observation> observations = new ArrayList<>(spans.size());
    List<Rejection> rejected = new ArrayList<>(decoded.rejected());
    // the conventions compose text from the decoded strings whole (no split pair): what was decoded
    // from UTF-8 stays well-formed
    UnaryOperator<Observation> admitObservation =
        decoded.fromUtf8() ? Admission::observationFromUtf8 : Admission::observation;
    UnaryOperator<Trace> admitTrace =
        decoded.fromUtf8() ? Admission::traceFromUtf8 : Admission::trace;
    for (SpanRecord span : spans) {
      try {
        NormalizedSpan normalized = normalizer.normalize(projectId, span);
        Observation observation = admitObservation.apply(normalized.observation());
        Trace trace = admitTrace.apply(normalized.trace());
        traces.add(trace);
        observations.add(observation);
      } catch (RuntimeException e) {
        rejected.add(
            new Rejection(
                span.spanId(),
                "span "
                    + span.spanId()
                    + " \""
                    + span.name()
                    + "\": "
                    + ItemFailure.of(e).message()));
      }
    }
    return new IngestResult(traces, observations, rejected);
  }

  /**
   * The OTLP {@code ExportTraceServiceResponse} for a result, with {@code partial_success} listing
   * the rejected spans, encoded as protobuf or OTLP/JSON to match the request.
   */
  public byte[] response(IngestResult result, boolean json) {
    return OtlpResponse.encode(result.rejected(), json);
  }
}
