package dev.loupe.server.metrics;

import static java.util.Objects.requireNonNull;

import dev.loupe.pipeline.IngestState;
import dev.loupe.pipeline.PipelineMetrics;
import dev.loupe.server.http.HttpMetrics;
import dev.loupe.server.http.IngestBudget;
import dev.loupe.storage.Storage;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's meters in one Micrometer registry, scraped as Prometheus text ({@code GET
 * /metrics}). The HTTP layer and the pipeline report through their own small interfaces ({@link
 * #http()}, {@link #pipeline()}); levels (storage, the ingest budget, the pipeline's state) are
 * read when scraped. Label values come from closed sets only: route templates, wires, reasons, file
 * kinds; never an id, a name or a message.
 *
 * <pre>{@code
 * ServerMetrics metrics = ServerMetrics.create(version);
 * Ingestion ingestion = Ingestion.start(storage, log, pricer, prices, options, metrics.pipeline());
 * metrics.watch(storage);
 * metrics.watch(ingestion::state);
 * String text = metrics.scrape();
 * }</pre>
 */
public final class ServerMetrics implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServerMetrics.class);

  private final PrometheusMeterRegistry registry;
  private final AutoCloseable gc;
  private final HttpMeters http;
  private final PipelineMeters pipeline;
  // what function counters read: Micrometer keeps only weak references to them
  private final List<Object> held = new ArrayList<>();
  private final List<Meters.Snapshot<?>> snapshots = new CopyOnWriteArrayList<>();

  private ServerMetrics(PrometheusMeterRegistry registry, AutoCloseable gc) {
    this.registry = registry;
    this.gc = gc;
    this.http = new HttpMeters(registry);
    this.pipeline = new PipelineMeters(registry);
  }

  /** A registry with the JVM and process meters and {@code loupe_info{version}}. */
  public static ServerMetrics create(String version) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Gauge.builder("loupe.info", () -> 1)
        .description("Always 1; the version is in the label")
        .tag("version", version)
        .register(registry);
    return new ServerMetrics(registry, ProcessMeters.bind(registry));
  }

  /** For the HTTP endpoints and the ingest routes. */
  public HttpMetrics http() {
    return http;
  }

  /** For the ingestion pipeline's events. */
  public PipelineMetrics pipeline() {
    return pipeline;
  }

  /** Reads the store's health and figures when scraped. */
  public void watch(Storage storage) {
    for (Object o : StorageMeters.watch(registry, requireNonNull(storage, "storage"))) {
      held.add(o);
      if (o instanceof Meters.Snapshot<?> s) snapshots.add(s);
    }
  }

  /** Reads the pipeline's state (apply lag, the log) when scraped. */
  public void watch(Supplier<IngestState> state) {
    Meters.Snapshot<IngestState> s = PipelineMeters.watch(registry, requireNonNull(state, "state"));
    held.add(s);
    snapshots.add(s);
  }

  /** Reads the ingest budget's bytes in flight, waits and refusals when scraped. */
  public void watch(IngestBudget budget) {
    held.add(budget);
    Gauge.builder("loupe.ingest.budget.limit", budget, IngestBudget::budgetBytes)
        .description("Bound on ingest request bytes in flight")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("loupe.ingest.budget.in.flight", budget, IngestBudget::inFlightBytes)
        .description("Ingest request bytes in flight now")
        .baseUnit("bytes")
        .register(registry);
    FunctionCounter.builder("loupe.ingest.budget.waits", budget, IngestBudget::waits)
        .description("Ingest requests that waited for room in the budget")
        .register(registry);
    FunctionCounter.builder("loupe.ingest.budget.waited", budget, b -> b.waitedNanos() / 1e9)
        .description("Time those requests waited, in total")
        .baseUnit("seconds")
        .register(registry);
    FunctionCounter.builder("loupe.ingest.budget.refusals", budget, IngestBudget::refusals)
        .description("Ingest requests refused with 429 because the budget stayed full")
        .register(registry);
  }

  /**
   * Every meter, in the Prometheus text format (version 0.0.4). Levels are read now, each source
   * once per scrape.
   */
  public String scrape() {
    for (Meters.Snapshot<?> s : snapshots) s.expire();
    return registry.scrape();
  }

  @Override
  public void close() {
    try {
      gc.close();
    } catch (Exception e) {
      LOG.debug("closing the GC meters failed", e);
    }
    registry.close();
  }
}
