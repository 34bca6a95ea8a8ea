package dev.loupe.sdk;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;

/**
 * Configures a {@link Loupe}. Start from {@link Loupe#builder()}, optionally {@link #env} to read
 * the usual variables, then override in code. {@link #build()} never throws: an incomplete
 * configuration is logged and gives a no-op {@code Loupe}.
 */
public final class LoupeBuilder {
  String baseUrl;
  String publicKey;
  String secretKey;
  String lemmaBaseUrl;
  String lemmaApiKey;
  String lemmaProjectId;
  String environment;
  String release;
  String serviceName;
  OpenTelemetry openTelemetry;
  SpanExporter spanExporter;
  boolean shutdownHook = true;
  Duration exportDelay = Duration.ofSeconds(1);

  LoupeBuilder() {}

  /**
   * Reads configuration from {@code env} (usually {@code System.getenv()}): {@code LOUPE_BASE_URL},
   * {@code LOUPE_PUBLIC_KEY}, {@code LOUPE_SECRET_KEY}, or the Langfuse names {@code
   * LANGFUSE_BASE_URL} (or {@code LANGFUSE_HOST}), {@code LANGFUSE_PUBLIC_KEY}, {@code
   * LANGFUSE_SECRET_KEY}; Lemma's {@code LEMMA_API_KEY}, {@code LEMMA_PROJECT_ID}, {@code
   * LEMMA_BASE_URL}; {@code LOUPE_ENVIRONMENT} (or {@code LANGFUSE_TRACING_ENVIRONMENT}), {@code
   * LOUPE_RELEASE} (or {@code LANGFUSE_RELEASE}) and {@code OTEL_SERVICE_NAME}.
   */
  public LoupeBuilder env(Map<String, String> env) {
    baseUrl = first(env, "LOUPE_BASE_URL", "LANGFUSE_BASE_URL", "LANGFUSE_HOST");
    publicKey = first(env, "LOUPE_PUBLIC_KEY", "LANGFUSE_PUBLIC_KEY");
    secretKey = first(env, "LOUPE_SECRET_KEY", "LANGFUSE_SECRET_KEY");
    lemmaBaseUrl = first(env, "LEMMA_BASE_URL");
    lemmaApiKey = first(env, "LEMMA_API_KEY");
    lemmaProjectId = first(env, "LEMMA_PROJECT_ID");
    environment = first(env, "LOUPE_ENVIRONMENT", "LANGFUSE_TRACING_ENVIRONMENT");
    release = first(env, "LOUPE_RELEASE", "LANGFUSE_RELEASE");
    serviceName = first(env, "OTEL_SERVICE_NAME");
    return this;
  }

  /** Server base URL, e.g. {@code http://localhost:3000} (the default). */
  public LoupeBuilder baseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
    return this;
  }

  /** Basic-auth key pair of a Loupe or Langfuse project. */
  public LoupeBuilder keys(String publicKey, String secretKey) {
    this.publicKey = publicKey;
    this.secretKey = secretKey;
    return this;
  }

  /** Lemma-style Bearer key and project id; used when no Basic key pair is set. */
  public LoupeBuilder lemma(String apiKey, String projectId) {
    this.lemmaApiKey = apiKey;
    this.lemmaProjectId = projectId;
    return this;
  }

  /** Environment stamped on every observation, e.g. {@code production}. */
  public LoupeBuilder environment(String environment) {
    this.environment = environment;
    return this;
  }

  /** Release stamped on every observation. */
  public LoupeBuilder release(String release) {
    this.release = release;
    return this;
  }

  /** {@code service.name} of the standalone tracer provider's resource. */
  public LoupeBuilder serviceName(String serviceName) {
    this.serviceName = serviceName;
    return this;
  }

  /**
   * Records through the application's OpenTelemetry instead of a tracer provider of Loupe's own.
   * Loupe then only takes a tracer from it; exporting stays the application's job, and {@link
   * Loupe#close()} does not shut it down.
   */
  public LoupeBuilder openTelemetry(OpenTelemetry openTelemetry) {
    this.openTelemetry = openTelemetry;
    return this;
  }

  /** Records through {@link GlobalOpenTelemetry}; see {@link #openTelemetry}. */
  public LoupeBuilder useGlobalOpenTelemetry() {
    return openTelemetry(GlobalOpenTelemetry.get());
  }

  /** Exports the standalone provider's spans with this exporter instead of OTLP/HTTP. */
  public LoupeBuilder spanExporter(SpanExporter spanExporter) {
    this.spanExporter = spanExporter;
    return this;
  }

  /** Whether a standalone Loupe flushes and shuts down at JVM exit (default true). */
  public LoupeBuilder shutdownHook(boolean shutdownHook) {
    this.shutdownHook = shutdownHook;
    return this;
  }

  /** How long the batch processor waits before exporting (default one second). */
  public LoupeBuilder exportDelay(Duration exportDelay) {
    this.exportDelay = exportDelay;
    return this;
  }

  /** Builds the {@code Loupe}; a no-op one when nothing to export to is configured. */
  public Loupe build() {
    Loupe loupe = Safely.get("configuring Loupe", () -> Loupe.create(this), null);
    return loupe != null ? loupe : Loupe.noop();
  }

  /** The export target, or null (logged) when the configuration is missing or incomplete. */
  ExportTarget exportTarget() {
    boolean basicGiven = publicKey != null || secretKey != null;
    if (basicGiven) {
      if (publicKey == null || secretKey == null) {
        Safely.LOG.warning(
            "Loupe disabled: "
                + (publicKey == null ? "LOUPE_PUBLIC_KEY" : "LOUPE_SECRET_KEY")
                + " is missing (both keys of the pair are required)");
        return null;
      }
      return ExportTarget.basic(baseUrl, publicKey, secretKey);
    }
    if (lemmaApiKey != null) {
      if (lemmaProjectId == null) {
        Safely.LOG.warning("Loupe disabled: LEMMA_PROJECT_ID is required with LEMMA_API_KEY");
        return null;
      }
      return ExportTarget.lemma(
          lemmaBaseUrl != null ? lemmaBaseUrl : baseUrl, lemmaApiKey, lemmaProjectId);
    }
    if (spanExporter == null) {
      Safely.LOG.log(
          Level.INFO,
          "Loupe is not configured (no LOUPE_PUBLIC_KEY/LOUPE_SECRET_KEY, LANGFUSE_* or"
              + " LEMMA_API_KEY): observations are not recorded");
    }
    return null;
  }

  private static String first(Map<String, String> env, String... names) {
    for (String n : names) {
      String v = env.get(n);
      if (v != null && !v.isBlank()) return v.strip();
    }
    return null;
  }
}
