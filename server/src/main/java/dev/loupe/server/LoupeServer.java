package dev.loupe.server;

import static java.util.Objects.requireNonNull;

import dev.loupe.evaluation.ScoreConfigs;
import dev.loupe.evaluation.Scores;
import dev.loupe.ingest.OtlpIngest;
import dev.loupe.ingest.langfuse.LangfuseBatchIngest;
import dev.loupe.pipeline.Ingestion;
import dev.loupe.pricing.PriceTable;
import dev.loupe.pricing.Pricer;
import dev.loupe.query.DailyMetrics;
import dev.loupe.query.MetricsQueries;
import dev.loupe.query.ObservationQueries;
import dev.loupe.query.ProjectQueries;
import dev.loupe.query.ScoreQueries;
import dev.loupe.query.SessionQueries;
import dev.loupe.query.TraceQueries;
import dev.loupe.server.auth.Authenticator;
import dev.loupe.server.http.HealthRoutes;
import dev.loupe.server.http.HttpEndpoint;
import dev.loupe.server.http.IngestBudget;
import dev.loupe.server.http.IngestionRoutes;
import dev.loupe.server.http.MetricsRoutes;
import dev.loupe.server.http.ModelRoutes;
import dev.loupe.server.http.ObservationRoutes;
import dev.loupe.server.http.OtlpRoutes;
import dev.loupe.server.http.ProjectRoutes;
import dev.loupe.server.http.Routes;
import dev.loupe.server.http.ScoreRoutes;
import dev.loupe.server.http.SessionRoutes;
import dev.loupe.server.http.TraceRoutes;
import dev.loupe.server.prices.PriceCatalog;
import dev.loupe.server.prices.ProjectPrices;
import dev.loupe.server.prices.Repricing;
import dev.loupe.server.ui.UiContext;
import dev.loupe.server.ui.UiRoutes;
import dev.loupe.server.ui.scores.AnnotationPages;
import dev.loupe.server.ui.scores.ScoreViews;
import dev.loupe.storage.Storage;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;

/**
 * A running Loupe: storage, the main HTTP port and the optional OTLP/HTTP port. Closing stops the
 * ports, then closes storage.
 *
 * <pre>{@code
 * try (LoupeServer server = LoupeServer.start(ServerConfig.defaults().withPort(0).withOtlpPort(-1))) {
 *   URI api = URI.create("http://127.0.0.1:" + server.port());
 * }
 * }</pre>
 */
public final class LoupeServer implements AutoCloseable {
  private final ServerConfig config;
  private final Storage storage;
  private final HttpEndpoint main;
  private final @Nullable HttpEndpoint otlp;

  private LoupeServer(
      ServerConfig config, Storage storage, HttpEndpoint main, @Nullable HttpEndpoint otlp) {
    this.config = config;
    this.storage = storage;
    this.main = main;
    this.otlp = otlp;
  }

  /** Starts with generated keys, if any, printed to stdout. */
  public static LoupeServer start(ServerConfig config) {
    return start(config, System.out);
  }

  /** Starts; a generated default project's keys are printed to {@code out}. */
  public static LoupeServer start(ServerConfig config, PrintStream out) {
    requireNonNull(config, "config");
    // Opening storage and loading the decoders both take hundreds of milliseconds: overlap them.
    FutureTask<Storage> opening = new FutureTask<>(() -> Storages.open(config));
    Thread.ofPlatform().name("loupe-storage-open").start(opening);
    OtlpIngest otlpIngest;
    LangfuseBatchIngest batchIngest;
    PriceTable prices;
    Pricer pricer;
    try {
      otlpIngest = otlpIngest(config);
      batchIngest = new LangfuseBatchIngest();
      prices = PriceTable.bundled();
      pricer = new Pricer(prices);
    } catch (RuntimeException e) {
      Storages.closeWhenOpened(opening);
      throw e;
    }
    Storage storage = Storages.await(opening);
    HttpEndpoint main = null;
    try {
      new ProjectBootstrap(storage.projectStore(), Clock.systemUTC(), out)
          .run(config.initProject());
      Authenticator auth = new Authenticator(storage.projectStore());
      ProjectPrices projectPrices = new ProjectPrices(storage.modelPriceStore());
      Ingestion ingestion = new Ingestion(storage, pricer, projectPrices::of);
      OtlpRoutes otlpRoutes = new OtlpRoutes(otlpIngest, ingestion);
      Routes routes = new Routes();
      otlpRoutes.routing(routes);
      Scores scores =
          new Scores(storage.scoreStore(), storage.scoreConfigStore(), Clock.systemUTC());
      ScoreConfigs scoreConfigs = new ScoreConfigs(storage.scoreConfigStore(), Clock.systemUTC());
      ScoreQueries scoreQueries =
          new ScoreQueries(storage.scoreStore(), storage.scoreConfigStore());
      new IngestionRoutes(batchIngest, ingestion, scores).routing(routes);
      new TraceRoutes(new TraceQueries(storage.traceStore()), scoreQueries).routing(routes);
      new ScoreRoutes(batchIngest, scores, scoreConfigs, scoreQueries, Clock.systemUTC())
          .routing(routes);
      new ObservationRoutes(new ObservationQueries(storage.traceStore())).routing(routes);
      new SessionRoutes(new SessionQueries(storage.traceStore())).routing(routes);
      new MetricsRoutes(
              new MetricsQueries(storage.analyticsStore()),
              new DailyMetrics(storage.analyticsStore(), Clock.systemUTC()))
          .routing(routes);
      Repricing repricing =
          new Repricing(
              storage.traceStore(),
              storage.analyticsStore(),
              storage.observationConsumer(),
              projectPrices,
              pricer);
      new ModelRoutes(
              new PriceCatalog(projectPrices, prices), projectPrices, repricing, Clock.systemUTC())
          .routing(routes);
      new HealthRoutes(storage, Version.current()).routing(routes);
      new ProjectRoutes(new ProjectQueries(storage.projectStore())).routing(routes);
      new UiRoutes(
              new UiContext(
                  new TraceQueries(storage.traceStore()),
                  new ObservationQueries(storage.traceStore()),
                  new SessionQueries(storage.traceStore()),
                  new ScoreViews(scoreQueries),
                  new AnnotationPages(scores, scoreQueries, Clock.systemUTC()),
                  storage.analyticsStore(),
                  new PriceCatalog(projectPrices, prices),
                  storage.projectStore(),
                  auth,
                  Clock.systemUTC(),
                  Optional.ofNullable(config.adminPassword())))
          .routing(routes);
      HttpEndpoint.Limits limits =
          new HttpEndpoint.Limits(
              config.maxBodyBytes(),
              maxInflatedBytes(config),
              config.bodyTimeout(),
              IngestBudget.forHeap());
      main = HttpEndpoint.start(config.bind(), config.port(), routes, auth, limits);
      HttpEndpoint otlp = null;
      if (config.otlpPortEnabled()) {
        Routes collector = new Routes();
        otlpRoutes.collectorRouting(collector);
        otlp = HttpEndpoint.start(config.bind(), config.otlpPort(), collector, auth, limits);
      }
      return new LoupeServer(config, storage, main, otlp);
    } catch (RuntimeException e) {
      if (main != null) main.close();
      storage.close();
      throw e;
    }
  }

  /** gzip bodies may inflate to the default cap, or to the body limit when that is larger. */
  private static OtlpIngest otlpIngest(ServerConfig config) {
    return new OtlpIngest(maxInflatedBytes(config));
  }

  private static int maxInflatedBytes(ServerConfig config) {
    long cap = Math.max(OtlpIngest.DEFAULT_MAX_INFLATED_BYTES, config.maxBodyBytes());
    return (int) Math.min(cap, Integer.MAX_VALUE - 8);
  }

  /** The main port (the configured one, or the one picked for port 0). */
  public int port() {
    return main.port();
  }

  /** The OTLP/HTTP port, or -1 when disabled. */
  public int otlpPort() {
    return otlp == null ? -1 : otlp.port();
  }

  public Storage storage() {
    return storage;
  }

  public ServerConfig config() {
    return config;
  }

  public String version() {
    return Version.current();
  }

  @Override
  public void close() {
    try {
      if (otlp != null) otlp.close();
      main.close();
    } finally {
      storage.close();
    }
  }
}
