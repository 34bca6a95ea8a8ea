package dev.loupe.server;

import static java.util.Objects.requireNonNull;

import dev.loupe.alerting.AlertScheduler;
import dev.loupe.alerting.Alerts;
import dev.loupe.alerting.Evaluator;
import dev.loupe.alerting.Notifier;
import dev.loupe.evaluation.EvaluationRunner;
import dev.loupe.evaluation.Evaluations;
import dev.loupe.evaluation.JudgeKeys;
import dev.loupe.evaluation.ScoreConfigs;
import dev.loupe.evaluation.Scores;
import dev.loupe.ingest.OtlpIngest;
import dev.loupe.ingest.langfuse.LangfuseBatchIngest;
import dev.loupe.pipeline.Ingestion;
import dev.loupe.pipeline.PipelineMetrics;
import dev.loupe.pipeline.log.IngestLog;
import dev.loupe.pricing.PriceTable;
import dev.loupe.pricing.Pricer;
import dev.loupe.query.AlertQueries;
import dev.loupe.query.DailyMetrics;
import dev.loupe.query.MetricsQueries;
import dev.loupe.query.ObservationQueries;
import dev.loupe.query.ProjectQueries;
import dev.loupe.query.ScoreQueries;
import dev.loupe.query.SessionQueries;
import dev.loupe.query.TraceQueries;
import dev.loupe.server.auth.Authenticator;
import dev.loupe.server.http.AlertRoutes;
import dev.loupe.server.http.EvaluationRoutes;
import dev.loupe.server.http.HealthRoutes;
import dev.loupe.server.http.HttpEndpoint;
import dev.loupe.server.http.HttpMetrics;
import dev.loupe.server.http.IngestBudget;
import dev.loupe.server.http.IngestionRoutes;
import dev.loupe.server.http.MetricsRoutes;
import dev.loupe.server.http.ModelRoutes;
import dev.loupe.server.http.ObservationRoutes;
import dev.loupe.server.http.OtlpRoutes;
import dev.loupe.server.http.ProjectRoutes;
import dev.loupe.server.http.PrometheusRoutes;
import dev.loupe.server.http.Routes;
import dev.loupe.server.http.ScoreRoutes;
import dev.loupe.server.http.SessionRoutes;
import dev.loupe.server.http.TraceRoutes;
import dev.loupe.server.metrics.ServerMetrics;
import dev.loupe.server.prices.PriceCatalog;
import dev.loupe.server.prices.ProjectPrices;
import dev.loupe.server.prices.Repricing;
import dev.loupe.server.ui.UiContext;
import dev.loupe.server.ui.UiRoutes;
import dev.loupe.server.ui.access.UiSessions;
import dev.loupe.server.ui.alerts.AlertPages;
import dev.loupe.server.ui.evaluation.EvaluationPages;
import dev.loupe.server.ui.scores.AnnotationPages;
import dev.loupe.server.ui.scores.ScoreViews;
import dev.loupe.storage.Storage;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A running Loupe: storage, the ingest log and its applier, the main HTTP port, the optional
 * OTLP/HTTP port and the metrics port. Closing stops the ports, then the applier, then closes the
 * log and storage.
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
  private final IngestLog log;
  private final Ingestion ingestion;
  private final HttpEndpoint main;
  private final @Nullable HttpEndpoint otlp;
  private final @Nullable ServerMetrics metrics;
  private final @Nullable HttpEndpoint metricsPort;
  private final AlertScheduler alertScheduler;
  private final Notifier notifier;
  private final @Nullable EvaluationRunner evaluationRunner;

  private LoupeServer(
      ServerConfig config,
      Storage storage,
      IngestLog log,
      Ingestion ingestion,
      HttpEndpoint main,
      @Nullable HttpEndpoint otlp,
      @Nullable ServerMetrics metrics,
      @Nullable HttpEndpoint metricsPort,
      AlertScheduler alertScheduler,
      Notifier notifier,
      @Nullable EvaluationRunner evaluationRunner) {
    this.config = config;
    this.evaluationRunner = evaluationRunner;
    this.storage = storage;
    this.log = log;
    this.ingestion = ingestion;
    this.main = main;
    this.otlp = otlp;
    this.metrics = metrics;
    this.metricsPort = metricsPort;
    this.alertScheduler = alertScheduler;
    this.notifier = notifier;
  }

  /** Starts with generated keys, if any, printed to stdout. */
  public static LoupeServer start(ServerConfig config) {
    return start(config, System.out);
  }

  /** Starts; a generated default project's keys are printed to {@code out}. */
  public static LoupeServer start(ServerConfig config, PrintStream out) {
    requireNonNull(config, "config");
    return start(config, out, () -> Storages.open(config));
  }

  /**
   * Starts on the storage {@code open} gives, which the server closes with itself: tests run
   * several nodes on one store in one JVM (the in-memory store has no process to share).
   */
  static LoupeServer start(ServerConfig config, PrintStream out, Supplier<Storage> open) {
    requireNonNull(config, "config");
    // Opening storage and loading the decoders both take hundreds of milliseconds: overlap them.
    FutureTask<Storage> opening = new FutureTask<>(open::get);
    Thread.ofPlatform().name("loupe-storage-open").start(opening);
    OtlpIngest otlpIngest;
    LangfuseBatchIngest batchIngest;
    PriceTable prices;
    Pricer pricer;
    @Nullable ServerMetrics metrics;
    try {
      otlpIngest = otlpIngest(config);
      batchIngest = new LangfuseBatchIngest();
      prices = PriceTable.bundled();
      pricer = new Pricer(prices);
      metrics = config.metrics().enabled() ? ServerMetrics.create(Version.current()) : null;
    } catch (RuntimeException e) {
      Storages.closeWhenOpened(opening);
      throw e;
    }
    Storage storage;
    try {
      storage = Storages.await(opening);
    } catch (RuntimeException e) {
      if (metrics != null) metrics.close();
      throw e;
    }
    HttpMetrics httpMetrics = metrics == null ? HttpMetrics.NOOP : metrics.http();
    IngestLog log = null;
    Ingestion ingestion = null;
    HttpEndpoint main = null;
    HttpEndpoint otlp = null;
    Notifier notifier = null;
    AlertScheduler alertScheduler = null;
    EvaluationRunner evaluationRunner = null;
    try {
      new ProjectBootstrap(storage.projectStore(), Clock.systemUTC(), out)
          .run(config.initProject());
      Authenticator auth = new Authenticator(storage.projectStore());
      ProjectPrices projectPrices = new ProjectPrices(storage.modelPriceStore());
      log = IngestLogs.open(config, storage);
      ingestion =
          Ingestion.start(
              storage,
              log,
              pricer,
              projectPrices::of,
              Ingestion.Options.defaults()
                  .withMaxApplyLag(config.maxApplyLag())
                  .withApply(config.has(Role.APPLY)),
              metrics == null ? PipelineMetrics.NOOP : metrics.pipeline());
      OtlpRoutes otlpRoutes = new OtlpRoutes(otlpIngest, ingestion, httpMetrics);
      Routes routes = Routes.readingAfter(ingestion::awaitVisible);
      Routes ingestRoutes = served(routes, config, Role.INGEST);
      Routes queryRoutes = served(routes, config, Role.QUERY);
      otlpRoutes.routing(ingestRoutes);
      Scores scores =
          new Scores(storage.scoreStore(), storage.scoreConfigStore(), Clock.systemUTC());
      ScoreConfigs scoreConfigs = new ScoreConfigs(storage.scoreConfigStore(), Clock.systemUTC());
      ScoreQueries scoreQueries =
          new ScoreQueries(storage.scoreStore(), storage.scoreConfigStore());
      new IngestionRoutes(batchIngest, ingestion, httpMetrics, scores).routing(ingestRoutes);
      Evaluations evaluations =
          new Evaluations(storage.evaluationStore(), judgeKeys(config), Clock.systemUTC());
      new EvaluationRoutes(evaluations).routing(queryRoutes);
      new TraceRoutes(new TraceQueries(storage.traceStore()), scoreQueries).routing(queryRoutes);
      new ScoreRoutes(batchIngest, scores, scoreConfigs, scoreQueries, Clock.systemUTC())
          .routing(queryRoutes);
      new ObservationRoutes(new ObservationQueries(storage.traceStore())).routing(queryRoutes);
      new SessionRoutes(new SessionQueries(storage.traceStore())).routing(queryRoutes);
      new MetricsRoutes(
              new MetricsQueries(storage.analyticsStore()),
              new DailyMetrics(storage.analyticsStore(), Clock.systemUTC()))
          .routing(queryRoutes);
      notifier =
          new Notifier(storage.alertStore(), Clock.systemUTC(), Notifier.RetryPolicy.defaults());
      Evaluator evaluator = new Evaluator(storage.analyticsStore());
      Alerts alerts = new Alerts(storage.alertStore(), evaluator, notifier, Clock.systemUTC());
      AlertQueries alertQueries = new AlertQueries(storage.alertStore());
      new AlertRoutes(alerts, alertQueries).routing(queryRoutes);
      alertScheduler =
          new AlertScheduler(
              storage.projectStore(),
              storage.alertStore(),
              evaluator,
              notifier,
              Clock.systemUTC(),
              AlertScheduler.Options.defaults());
      Repricing repricing =
          new Repricing(
              storage.traceStore(),
              storage.analyticsStore(),
              storage.observationConsumer(),
              projectPrices,
              pricer);
      new ModelRoutes(
              new PriceCatalog(projectPrices, prices), projectPrices, repricing, Clock.systemUTC())
          .routing(queryRoutes);
      new HealthRoutes(storage, ingestion, Version.current()).routing(routes);
      new ProjectRoutes(new ProjectQueries(storage.projectStore())).routing(queryRoutes);
      new UiRoutes(
              new UiContext(
                  new TraceQueries(storage.traceStore()),
                  new ObservationQueries(storage.traceStore()),
                  new SessionQueries(storage.traceStore()),
                  new ScoreViews(scoreQueries),
                  new AnnotationPages(scores, scoreQueries, Clock.systemUTC()),
                  new AlertPages(alerts, alertQueries),
                  new EvaluationPages(evaluations),
                  storage.analyticsStore(),
                  new PriceCatalog(projectPrices, prices),
                  storage.projectStore(),
                  auth,
                  Clock.systemUTC(),
                  Optional.ofNullable(config.adminPassword())),
              new UiSessions(Clock.systemUTC(), SessionKeys.load(config)))
          .routing(served(routes, config, Role.UI));
      IngestBudget budget = IngestBudget.forHeap();
      HttpEndpoint.Limits limits =
          new HttpEndpoint.Limits(
              config.maxBodyBytes(), maxInflatedBytes(config), config.bodyTimeout(), budget);
      Routes metricsRoutes = new Routes();
      if (metrics != null) {
        metrics.watch(storage);
        metrics.watch(ingestion::state);
        metrics.watch(budget);
        new PrometheusRoutes(metrics::scrape)
            .routing(config.metrics().hasOwnPort() ? metricsRoutes : routes);
      }
      main = HttpEndpoint.start(config.bind(), config.port(), routes, auth, limits, httpMetrics);
      if (config.otlpPortEnabled() && config.has(Role.INGEST)) {
        Routes collector = new Routes();
        otlpRoutes.collectorRouting(collector);
        otlp =
            HttpEndpoint.start(
                config.bind(), config.otlpPort(), collector, auth, limits, httpMetrics);
      }
      HttpEndpoint metricsPort =
          metrics != null && config.metrics().hasOwnPort()
              ? HttpEndpoint.start(
                  config.metrics().bind(),
                  config.metrics().port(),
                  metricsRoutes,
                  auth,
                  limits,
                  httpMetrics)
              : null;
      if (config.has(Role.APPLY)) alertScheduler.start();
      evaluationRunner =
          config.has(Role.APPLY)
              ? EvaluationRunner.start(
                  evaluations,
                  storage.evaluationStore(),
                  storage.traceStore(),
                  scores,
                  config.evaluation(),
                  Clock.systemUTC())
              : null;
      return new LoupeServer(
          config,
          storage,
          log,
          ingestion,
          main,
          otlp,
          metrics,
          metricsPort,
          alertScheduler,
          notifier,
          evaluationRunner);
    } catch (RuntimeException e) {
      if (evaluationRunner != null) evaluationRunner.close();
      if (alertScheduler != null) alertScheduler.close();
      if (notifier != null) notifier.close();
      if (otlp != null) otlp.close();
      if (main != null) main.close();
      if (ingestion != null) ingestion.close();
      if (log != null) log.close();
      storage.close();
      if (metrics != null) metrics.close();
      throw e;
    }
  }

  /**
   * {@code routes} when this node has {@code role}, else a view whose routes answer 404 naming the
   * role and {@code LOUPE_ROLES}.
   */
  private static Routes served(Routes routes, ServerConfig config, Role role) {
    if (config.has(role)) return routes;
    return routes.notServing(
        "this node does not serve "
            + role.label()
            + " (LOUPE_ROLES="
            + String.join(",", config.roles().stream().map(Role::label).toList())
            + "): send this request to a node with the "
            + role.label()
            + " role");
  }

  /**
   * The key that seals judge API keys: {@code LOUPE_EVAL_KEY}, else {@code <dataDir>/eval.key}; an
   * in-memory server without {@code LOUPE_EVAL_KEY} uses a key of its own run (its data goes with
   * it).
   */
  private static JudgeKeys judgeKeys(ServerConfig config) {
    if (config.storage() == ServerConfig.StorageKind.MEMORY
        && (config.evalKey() == null || config.evalKey().isBlank())) {
      byte[] key = new byte[32];
      new java.security.SecureRandom().nextBytes(key);
      return JudgeKeys.of(key);
    }
    return JudgeKeys.load(config.evalKey(), config.dataDir());
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

  /**
   * Where {@code GET /metrics} answers: its own port, the main port (the default), or -1 when
   * metrics are off.
   */
  public int metricsPort() {
    if (!config.metrics().enabled()) return -1;
    return metricsPort != null ? metricsPort.port() : main.port();
  }

  public Storage storage() {
    return storage;
  }

  /** The ingestion step: its state (apply lag, the log's figures) and {@link #awaitApplied}. */
  public Ingestion ingestion() {
    return ingestion;
  }

  /**
   * Waits until every write acknowledged before the call is applied to storage, so reads see it;
   * false when {@code timeout} passed first. Acknowledged writes are durable at once but visible
   * only once applied (usually within milliseconds): tests and tools that read right after they
   * write wait here.
   */
  public boolean awaitApplied(Duration timeout) {
    return ingestion.awaitApplied(timeout);
  }

  public ServerConfig config() {
    return config;
  }

  public String version() {
    return Version.current();
  }

  /**
   * Stops the alert scheduler and deliveries, the evaluation runner and the ports, then the
   * applier; closes the log, then storage.
   */
  @Override
  public void close() {
    alertScheduler.close();
    notifier.close();
    try {
      if (evaluationRunner != null) evaluationRunner.close();
      if (metricsPort != null) metricsPort.close();
      if (otlp != null) otlp.close();
      main.close();
    } finally {
      try {
        ingestion.close();
        log.close();
      } finally {
        storage.close();
        if (metrics != null) metrics.close();
      }
    }
  }
}
