package dev.loupe.server.http;

import dev.loupe.ingest.IngestResult;
import dev.loupe.ingest.OtlpIngest;
import dev.loupe.pipeline.Ingestion;
import dev.loupe.server.auth.Access;
import dev.loupe.server.http.HttpMetrics.Wire;
import org.jspecify.annotations.Nullable;

/**
 * OTLP/HTTP trace export: protobuf or JSON, optionally gzip. The spans are normalized ({@link
 * OtlpIngest}), then priced and stored ({@link Ingestion}); answers an {@code
 * ExportTraceServiceResponse} in the request's encoding once they are durable, listing rejected
 * spans in its partial success.
 */
public final class OtlpRoutes {
  static final int MAX_INGESTION_VERSION = 4;

  private final OtlpIngest ingest;
  private final Ingestion ingestion;
  private final HttpMetrics metrics;

  /**
   * @param metrics counts each request's spans: received, rejected (and why), acknowledged
   */
  public OtlpRoutes(OtlpIngest ingest, Ingestion ingestion, HttpMetrics metrics) {
    this.ingest = ingest;
    this.ingestion = ingestion;
    this.metrics = metrics;
  }

  /**
   * The main port: Langfuse (Basic), Lemma (Bearer + project header) and the standard path
   * (either).
   */
  public void routing(Routes routes) {
    routes
        .ingest("/api/public/otel/v1/traces", Access.BASIC, this::export)
        .ingest("/otel/v1/traces", Access.BEARER, this::export)
        .ingest("/v1/traces", Access.ANY, this::export);
  }

  /** The OTLP/HTTP port (4318): the standard path only. */
  public void collectorRouting(Routes routes) {
    routes.ingest("/v1/traces", Access.ANY, this::export);
  }

  private void export(Exchange ex) throws Exception {
    checkIngestionVersion(ex.header("x-langfuse-ingestion-version"));
    ingestion.admit(); // behind: 429 before the body is read and decoded
    String contentType = ex.header("Content-Type");
    IngestResult result =
        ingest.ingest(ex.projectId(), ex.body(), contentType, ex.header("Content-Encoding"));
    metrics.received(Wire.OTLP_HTTP, result.observations().size(), result.rejected());
    ingestion.store(result);
    metrics.acknowledged(Wire.OTLP_HTTP, result.observations().size());
    boolean json = contentType != null && contentType.contains("json");
    ex.send(
        200, json ? "application/json" : "application/x-protobuf", ingest.response(result, json));
  }

  static void checkIngestionVersion(@Nullable String header) {
    if (header == null || header.isBlank()) return;
    int version;
    try {
      version = Integer.parseInt(header.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "x-langfuse-ingestion-version must be an integer: " + header);
    }
    if (version > MAX_INGESTION_VERSION) {
      throw new IllegalArgumentException(
          "x-langfuse-ingestion-version "
              + version
              + " is not supported (max "
              + MAX_INGESTION_VERSION
              + ")");
    }
  }
}
