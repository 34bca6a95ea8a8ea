package dev.loupe.server;

import static java.util.Objects.requireNonNull;

import dev.loupe.evaluation.EvaluationRunner;
import dev.loupe.pipeline.kafka.KafkaSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How to run the server, from the environment ({@link #fromEnv}) or built in code ({@link
 * #defaults()} and the {@code with*} methods, as tests do with port 0 and a temporary data
 * directory).
 *
 * @param port main HTTP port ({@code LOUPE_PORT}, default 3000; 0 picks a free port)
 * @param otlpPort OTLP/HTTP collector port ({@code LOUPE_OTLP_HTTP_PORT}, default 4318; 0 picks a
 *     free port, -1 disables it)
 * @param bind address to listen on ({@code LOUPE_BIND}, default 0.0.0.0)
 * @param dataDir where DuckDB keeps its files ({@code LOUPE_DATA_DIR}, default ./data)
 * @param storage backend ({@code LOUPE_STORAGE}: duckdb, the default, memory or clickhouse)
 * @param maxBodyBytes largest raw request body accepted ({@code LOUPE_MAX_BODY_BYTES}, default 32
 *     MiB)
 * @param initProject project and keys to create or update at start ({@code LOUPE_INIT_PROJECT_*}),
 *     or null
 * @param adminPassword signs in to the web UI for any project ({@code LOUPE_ADMIN_PASSWORD}, at
 *     least 12 characters), or null for key-pair sign-in only
 * @param bodyTimeout how long a request body may take to arrive ({@code
 *     LOUPE_BODY_TIMEOUT_SECONDS}, default 30); later, 408 and the connection is closed
 * @param maxApplyLag how stale reads may get: when the oldest acknowledged write not yet applied to
 *     storage is older than this ({@code LOUPE_MAX_APPLY_LAG_SECONDS}, default 2), ingest answers
 *     429 with Retry-After until the applier catches up
 * @param evaluation how evaluation rules run ({@code LOUPE_EVAL_POLL_MILLIS}, {@code
 *     LOUPE_EVAL_SETTLE_SECONDS}, {@code LOUPE_EVAL_MAX_ATTEMPTS}, {@code
 *     LOUPE_EVAL_RETRY_BASE_MILLIS}, {@code LOUPE_EVAL_MAX_CONCURRENCY}; see {@link
 *     EvaluationRunner.Settings})
 * @param evalKey the AES-256 key that seals judge API keys at rest ({@code LOUPE_EVAL_KEY}, 32
 *     bytes in base64); when unset, {@code <dataDir>/eval.key}, created on first start
 * @param metrics where {@code GET /metrics} answers ({@code LOUPE_METRICS_PORT}, {@code
 *     LOUPE_METRICS_BIND}; default: on the main port)
 * @param kafka the Kafka ingest log ({@code LOUPE_INGEST_LOG=kafka}, implied by {@code
 *     LOUPE_KAFKA_BOOTSTRAP_SERVERS}; {@code LOUPE_KAFKA_TOPIC}, {@code LOUPE_KAFKA_GROUP}, {@code
 *     LOUPE_KAFKA_PARTITIONS}, {@code LOUPE_KAFKA_REPLICATION_FACTOR}, {@code
 *     LOUPE_KAFKA_PROPERTIES_FILE}), or null for the embedded log
 * @param roles what this node does ({@code LOUPE_ROLES}, default all); a node without {@link
 *     Role#APPLY} needs the Kafka log, which other nodes apply
 * @param sessionSecret the key UI session tokens are signed with ({@code LOUPE_SESSION_SECRET}, at
 *     least 32 characters; every node sharing a store needs the same); when unset, {@code
 *     <dataDir>/session.key}, created on first start (a key of the process for in-memory storage)
 * @param clickHouse where the ClickHouse store is ({@code LOUPE_CLICKHOUSE_URL}, {@code _USER},
 *     {@code _PASSWORD}, {@code _DATABASE}; see {@link ClickHouseConfig}), set exactly when {@code
 *     storage} is {@link StorageKind#CLICKHOUSE}
 */
public record ServerConfig(
    int port,
    int otlpPort,
    String bind,
    Path dataDir,
    StorageKind storage,
    long maxBodyBytes,
    @Nullable InitProject initProject,
    @Nullable String adminPassword,
    Duration bodyTimeout,
    Duration maxApplyLag,
    MetricsEndpoint metrics,
    EvaluationRunner.Settings evaluation,
    @Nullable String evalKey,
    @Nullable KafkaSettings kafka,
    Set<Role> roles,
    @Nullable String sessionSecret,
    @Nullable ClickHouseConfig clickHouse) {
  public static final int MIN_ADMIN_PASSWORD_LENGTH = 12;
  public static final int MIN_SESSION_SECRET_LENGTH = 32;

  public static final int DEFAULT_PORT = 3000;
  public static final int DEFAULT_OTLP_PORT = 4318;
  public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;
  public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(30);

  /**
   * 2 s: under a load the store cannot keep up with, reads see a write within about twice the bound
   * (a read waits for what was acknowledged before it), and the ingest bench measured 18,662
   * spans/s acknowledged with visible p99 6.2 s at 2 s, against 20,707 and 14.5 s at 5 s, and
   * 17,916 and 4.2 s at 1 s (storage/duckdb/RATIONALE.md, "Ingest").
   */
  public static final Duration DEFAULT_MAX_APPLY_LAG = Duration.ofSeconds(2);

  /** Storage backends the server can open. */
  public enum StorageKind {
    DUCKDB,
    MEMORY,
    /** A ClickHouse database that several nodes share (the scale-out mode, docs/deploy). */
    CLICKHOUSE
  }

  /**
   * Where {@code GET /metrics} (Prometheus text, no key) answers: on the main port beside the API,
   * on a port of its own (e.g. bound to 127.0.0.1 or an internal interface, so only the scraper
   * reaches it; the main port then answers 404 for it), or nowhere (no meters are kept at all).
   *
   * @param port {@link #MAIN_PORT}, {@link #OFF}, 0 for any free port, or 1-65535
   * @param bind the address its own port listens on (ignored on the main port or off)
   */
  public record MetricsEndpoint(int port, String bind) {
    public static final int MAIN_PORT = -2;
    public static final int OFF = -1;

    public MetricsEndpoint {
      if (port < MAIN_PORT || port > 65535)
        throw new IllegalArgumentException(
            "LOUPE_METRICS_PORT must be main, off, 0 (any free port) or 1-65535: " + port);
      requireNonNull(bind, "bind");
    }

    public static MetricsEndpoint onMainPort() {
      return new MetricsEndpoint(MAIN_PORT, "0.0.0.0");
    }

    public static MetricsEndpoint off() {
      return new MetricsEndpoint(OFF, "0.0.0.0");
    }

    /** A port of its own; 0 picks a free one. */
    public static MetricsEndpoint ownPort(String bind, int port) {
      if (port < 0) throw new IllegalArgumentException("port < 0: " + port);
      return new MetricsEndpoint(port, bind);
    }

    public boolean enabled() {
      return port != OFF;
    }

    public boolean hasOwnPort() {
      return port >= 0;
    }
  }

  public ServerConfig {
    checkPort("LOUPE_PORT", port, 0);
    checkPort("LOUPE_OTLP_HTTP_PORT", otlpPort, -1);
    requireNonNull(bind, "bind");
    requireNonNull(dataDir, "dataDir");
    requireNonNull(storage, "storage");
    if (maxBodyBytes < 1)
      throw new IllegalArgumentException("LOUPE_MAX_BODY_BYTES must be >= 1: " + maxBodyBytes);
    if (adminPassword != null && adminPassword.length() < MIN_ADMIN_PASSWORD_LENGTH)
      throw new IllegalArgumentException(
          "LOUPE_ADMIN_PASSWORD must have at least " + MIN_ADMIN_PASSWORD_LENGTH + " characters");
    requireNonNull(bodyTimeout, "bodyTimeout");
    if (bodyTimeout.toSeconds() < 1)
      throw new IllegalArgumentException(
          "LOUPE_BODY_TIMEOUT_SECONDS must be >= 1: " + bodyTimeout.toSeconds());
    requireNonNull(maxApplyLag, "maxApplyLag");
    if (maxApplyLag.toSeconds() < 1)
      throw new IllegalArgumentException(
          "LOUPE_MAX_APPLY_LAG_SECONDS must be >= 1: " + maxApplyLag.toSeconds());
    requireNonNull(metrics, "metrics");
    requireNonNull(evaluation, "evaluation");
    requireNonNull(roles, "roles");
    if (roles.isEmpty()) throw new IllegalArgumentException("LOUPE_ROLES names no role");
    roles = Collections.unmodifiableSet(EnumSet.copyOf(roles));
    if (kafka == null && !roles.contains(Role.APPLY))
      throw new IllegalArgumentException(
          "LOUPE_ROLES without apply needs LOUPE_INGEST_LOG=kafka: the embedded ingest log is"
              + " applied by the node that writes it");
    if (sessionSecret != null && sessionSecret.length() < MIN_SESSION_SECRET_LENGTH)
      throw new IllegalArgumentException(
          "LOUPE_SESSION_SECRET must have at least " + MIN_SESSION_SECRET_LENGTH + " characters");
    if (storage == StorageKind.CLICKHOUSE && clickHouse == null)
      throw new IllegalArgumentException("LOUPE_STORAGE=clickhouse needs LOUPE_CLICKHOUSE_URL");
    if (storage != StorageKind.CLICKHOUSE && clickHouse != null)
      throw new IllegalArgumentException(
          "ClickHouse settings are given but LOUPE_STORAGE is "
              + storage.name().toLowerCase(Locale.ROOT));
  }

  /** True when this node has {@code role}. */
  public boolean has(Role role) {
    return roles.contains(role);
  }

  /**
   * The defaults: 3000, 4318, 0.0.0.0, ./data, DuckDB, 32 MiB, no init project, 30 s, 5 s, metrics
   * on the main port.
   */
  public static ServerConfig defaults() {
    return new ServerConfig(
        DEFAULT_PORT,
        DEFAULT_OTLP_PORT,
        "0.0.0.0",
        Path.of("data"),
        StorageKind.DUCKDB,
        DEFAULT_MAX_BODY_BYTES,
        null,
        null,
        DEFAULT_BODY_TIMEOUT,
        DEFAULT_MAX_APPLY_LAG,
        MetricsEndpoint.onMainPort(),
        EvaluationRunner.Settings.defaults(),
        null,
        null,
        Role.all(),
        null,
        null);
  }

  /** Reads the {@code LOUPE_*} variables; errors name the variable. */
  public static ServerConfig fromEnv(Map<String, String> env) {
    ServerConfig d = defaults();
    String bind = text(env, "LOUPE_BIND", d.bind);
    StorageKind storage = storage(text(env, "LOUPE_STORAGE", "duckdb"));
    KafkaSettings kafka = kafka(env);
    ClickHouseConfig clickHouse = ClickHouseConfig.fromEnv(env, storage, kafka != null);
    return new ServerConfig(
        integer(env, "LOUPE_PORT", d.port),
        integer(env, "LOUPE_OTLP_HTTP_PORT", d.otlpPort),
        bind,
        Path.of(text(env, "LOUPE_DATA_DIR", d.dataDir.toString())),
        storage,
        longInteger(env, "LOUPE_MAX_BODY_BYTES", d.maxBodyBytes),
        InitProject.fromEnv(env),
        emptyToNull(env.get("LOUPE_ADMIN_PASSWORD")),
        Duration.ofSeconds(
            longInteger(env, "LOUPE_BODY_TIMEOUT_SECONDS", d.bodyTimeout.toSeconds())),
        Duration.ofSeconds(
            longInteger(env, "LOUPE_MAX_APPLY_LAG_SECONDS", d.maxApplyLag.toSeconds())),
        metrics(env, bind),
        evaluation(env, d.evaluation),
        emptyToNull(env.get("LOUPE_EVAL_KEY")),
        kafka,
        Role.parse(text(env, "LOUPE_ROLES", "ingest,apply,query,ui")),
        emptyToNull(env.get("LOUPE_SESSION_SECRET")),
        clickHouse);
  }

  /**
   * {@code LOUPE_INGEST_LOG}: {@code embedded} (the default) or {@code kafka}, which {@code
   * LOUPE_KAFKA_BOOTSTRAP_SERVERS} implies and needs.
   */
  private static @Nullable KafkaSettings kafka(Map<String, String> env) {
    String servers = text(env, "LOUPE_KAFKA_BOOTSTRAP_SERVERS");
    String kind = text(env, "LOUPE_INGEST_LOG", servers == null ? "embedded" : "kafka");
    switch (kind.toLowerCase(Locale.ROOT)) {
      case "embedded":
        return null;
      case "kafka":
        break;
      default:
        throw new IllegalArgumentException("LOUPE_INGEST_LOG must be embedded or kafka: " + kind);
    }
    if (servers == null)
      throw new IllegalArgumentException(
          "LOUPE_INGEST_LOG=kafka needs LOUPE_KAFKA_BOOTSTRAP_SERVERS (host:port[,host:port])");
    KafkaSettings d = KafkaSettings.of(servers);
    int rf = integer(env, "LOUPE_KAFKA_REPLICATION_FACTOR", d.replicationFactor());
    if (rf < 1 || rf > Short.MAX_VALUE)
      throw new IllegalArgumentException("LOUPE_KAFKA_REPLICATION_FACTOR must be >= 1: " + rf);
    try {
      return d.withTopic(text(env, "LOUPE_KAFKA_TOPIC", d.topic()))
          .withGroup(text(env, "LOUPE_KAFKA_GROUP", d.group()))
          .withPartitions(integer(env, "LOUPE_KAFKA_PARTITIONS", d.partitions()))
          .withReplicationFactor((short) rf)
          .withClientProperties(clientProperties(text(env, "LOUPE_KAFKA_PROPERTIES_FILE")));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("LOUPE_KAFKA_*: " + e.getMessage(), e);
    }
  }

  private static EvaluationRunner.Settings evaluation(
      Map<String, String> env, EvaluationRunner.Settings d) {
    return new EvaluationRunner.Settings(
        Duration.ofMillis(longInteger(env, "LOUPE_EVAL_POLL_MILLIS", d.pollInterval().toMillis())),
        Duration.ofSeconds(
            longInteger(env, "LOUPE_EVAL_SETTLE_SECONDS", d.settleDelay().toSeconds())),
        integer(env, "LOUPE_EVAL_MAX_ATTEMPTS", d.maxAttempts()),
        Duration.ofMillis(
            longInteger(env, "LOUPE_EVAL_RETRY_BASE_MILLIS", d.retryBase().toMillis())),
        d.retryMax(),
        integer(env, "LOUPE_EVAL_MAX_CONCURRENCY", d.maxConcurrentCalls()),
        d.scanLimit());
  }

  /**
   * {@code LOUPE_KAFKA_PROPERTIES_FILE}: Kafka client properties (TLS, SASL and the like, one
   * {@code key=value} a line) for the producer, consumers and admin client; none when unset.
   */
  private static Map<String, String> clientProperties(@Nullable String file) {
    if (file == null) return Map.of();
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(Path.of(file))) {
      p.load(in);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "LOUPE_KAFKA_PROPERTIES_FILE " + file + " cannot be read: " + e.getMessage(), e);
    }
    Map<String, String> out = new java.util.TreeMap<>();
    for (String k : p.stringPropertyNames()) out.put(k, p.getProperty(k));
    return out;
  }

  /** {@code LOUPE_METRICS_PORT}: {@code main} (the default), {@code off}, or a port. */
  private static MetricsEndpoint metrics(Map<String, String> env, String bind) {
    String value = text(env, "LOUPE_METRICS_PORT", "main");
    switch (value.toLowerCase(Locale.ROOT)) {
      case "main":
        return MetricsEndpoint.onMainPort();
      case "off":
        return MetricsEndpoint.off();
      default:
        int port;
        try {
          port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
          port = -1;
        }
        if (port < 0 || port > 65535)
          throw new IllegalArgumentException(
              "LOUPE_METRICS_PORT must be main, off, 0 (any free port) or 1-65535: " + value);
        return MetricsEndpoint.ownPort(text(env, "LOUPE_METRICS_BIND", bind), port);
    }
  }

  public ServerConfig withPort(int v) {
    return edit(d -> d.port = v);
  }

  public ServerConfig withOtlpPort(int v) {
    return edit(d -> d.otlpPort = v);
  }

  public ServerConfig withBind(String v) {
    return edit(d -> d.bind = v);
  }

  public ServerConfig withDataDir(Path v) {
    return edit(d -> d.dataDir = v);
  }

  /** Another backend; ClickHouse is chosen with {@link #withClickHouse}, which says where. */
  public ServerConfig withStorage(StorageKind v) {
    return edit(
        d -> {
          d.storage = v;
          if (v != StorageKind.CLICKHOUSE) d.clickHouse = null;
        });
  }

  public ServerConfig withMaxBodyBytes(long v) {
    return edit(d -> d.maxBodyBytes = v);
  }

  public ServerConfig withInitProject(@Nullable InitProject v) {
    return edit(d -> d.initProject = v);
  }

  public ServerConfig withAdminPassword(@Nullable String v) {
    return edit(d -> d.adminPassword = v);
  }

  public ServerConfig withBodyTimeout(Duration v) {
    return edit(d -> d.bodyTimeout = v);
  }

  public ServerConfig withMaxApplyLag(Duration v) {
    return edit(d -> d.maxApplyLag = v);
  }

  public ServerConfig withMetrics(MetricsEndpoint v) {
    return edit(d -> d.metrics = v);
  }

  public ServerConfig withEvaluation(EvaluationRunner.Settings v) {
    return edit(d -> d.evaluation = v);
  }

  public ServerConfig withEvalKey(@Nullable String v) {
    return edit(d -> d.evalKey = v);
  }

  public ServerConfig withKafka(@Nullable KafkaSettings v) {
    return edit(d -> d.kafka = v);
  }

  public ServerConfig withRoles(Set<Role> v) {
    return edit(d -> d.roles = v);
  }

  public ServerConfig withSessionSecret(@Nullable String v) {
    return edit(d -> d.sessionSecret = v);
  }

  /** ClickHouse storage at {@code v} ({@link StorageKind#CLICKHOUSE}). */
  public ServerConfig withClickHouse(ClickHouseConfig v) {
    return edit(
        d -> {
          d.storage = StorageKind.CLICKHOUSE;
          d.clickHouse = requireNonNull(v, "clickHouse");
        });
  }

  /** This config with some components changed (the record checks them again). */
  private ServerConfig edit(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return d.build();
  }

  /** A config's components while a {@code withX} changes one. */
  private static final class Draft {
    int port;
    int otlpPort;
    String bind;
    Path dataDir;
    StorageKind storage;
    long maxBodyBytes;
    @Nullable InitProject initProject;
    @Nullable String adminPassword;
    Duration bodyTimeout;
    Duration maxApplyLag;
    MetricsEndpoint metrics;
    EvaluationRunner.Settings evaluation;
    @Nullable String evalKey;
    @Nullable KafkaSettings kafka;
    Set<Role> roles;
    @Nullable String sessionSecret;
    @Nullable ClickHouseConfig clickHouse;

    Draft(ServerConfig c) {
      port = c.port;
      otlpPort = c.otlpPort;
      bind = c.bind;
      dataDir = c.dataDir;
      storage = c.storage;
      maxBodyBytes = c.maxBodyBytes;
      initProject = c.initProject;
      adminPassword = c.adminPassword;
      bodyTimeout = c.bodyTimeout;
      maxApplyLag = c.maxApplyLag;
      metrics = c.metrics;
      evaluation = c.evaluation;
      evalKey = c.evalKey;
      kafka = c.kafka;
      roles = c.roles;
      sessionSecret = c.sessionSecret;
      clickHouse = c.clickHouse;
    }

    ServerConfig build() {
      return new ServerConfig(
          port,
          otlpPort,
          bind,
          dataDir,
          storage,
          maxBodyBytes,
          initProject,
          adminPassword,
          bodyTimeout,
          maxApplyLag,
          metrics,
          evaluation,
          evalKey,
          kafka,
          roles,
          sessionSecret,
          clickHouse);
    }
  }

  /** True unless {@code otlpPort} is -1. */
  public boolean otlpPortEnabled() {
    return otlpPort != -1;
  }

  private static void checkPort(String name, int port, int min) {
    if (port < min || port > 65535) {
      throw new IllegalArgumentException(
          name
              + " must be "
              + (min < 0 ? "-1 (off), " : "")
              + "0 (any free port) "
              + "or 1-65535: "
              + port);
    }
  }

  private static @Nullable String emptyToNull(@Nullable String v) {
    return v == null || v.isEmpty() ? null : v;
  }

  private static StorageKind storage(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "duckdb" -> StorageKind.DUCKDB;
      case "memory" -> StorageKind.MEMORY;
      case "clickhouse" -> StorageKind.CLICKHOUSE;
      default ->
          throw new IllegalArgumentException(
              "LOUPE_STORAGE must be duckdb, memory or clickhouse: " + value);
    };
  }

  static @Nullable String text(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  static String text(Map<String, String> env, String name, String dflt) {
    String v = text(env, name);
    return v == null ? dflt : v;
  }

  private static int integer(Map<String, String> env, String name, int dflt) {
    long v = longInteger(env, name, dflt);
    if (v != (int) v) throw new IllegalArgumentException(name + " is out of range: " + v);
    return (int) v;
  }

  private static long longInteger(Map<String, String> env, String name, long dflt) {
    String v = text(env, name);
    if (v == null) return dflt;
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer: " + v);
    }
  }
}
