package dev.loupe.bench;

import dev.loupe.storage.duckdb.DuckDbStorage;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What the analytics bench generates: {@code generations} GENERATION observations in traces of
 * {@value #GENERATIONS_PER_TRACE} (plus a root span and a tool call each) over the {@code days}
 * before {@code end}, across {@code models} models, {@code users} users and {@code sessions}
 * sessions, all drawn from {@code seed}. Written next to the data as a manifest so {@code --reuse}
 * knows what a directory holds.
 */
record AnalyticsDataset(
    long generations, int days, int models, int users, int sessions, long seed, Instant end) {
  static final int GENERATIONS_PER_TRACE = 5;
  static final String PROJECT_ID = "bench";
  static final String MANIFEST = "loupe-bench-analytics.properties";

  AnalyticsDataset {
    if (generations < 1) throw new IllegalArgumentException("--generations must be >= 1");
    if (days < 1) throw new IllegalArgumentException("--days must be >= 1");
    if (users < 1) throw new IllegalArgumentException("--users must be >= 1");
    if (sessions < users) throw new IllegalArgumentException("--sessions must be >= --users");
    new ModelCatalog(models); // validates the count
  }

  /**
   * The dataset the command-line options ask for: {@code --generations} (default {@code
   * generations}), {@code --days}, {@code --models}, {@code --users}, {@code --sessions}, {@code
   * --seed}, and {@code --end} (default now, truncated to {@code endUnit}).
   */
  static AnalyticsDataset fromOptions(
      Map<String, String> opt, long generations, ChronoUnit endUnit) {
    return new AnalyticsDataset(
        Long.parseLong(opt.getOrDefault("generations", Long.toString(generations))),
        Integer.parseInt(opt.getOrDefault("days", "30")),
        Integer.parseInt(opt.getOrDefault("models", "40")),
        Integer.parseInt(opt.getOrDefault("users", "5000")),
        Integer.parseInt(opt.getOrDefault("sessions", "50000")),
        Long.parseLong(opt.getOrDefault("seed", "42")),
        opt.containsKey("end")
            ? Instant.parse(opt.get("end"))
            : Instant.now().truncatedTo(endUnit));
  }

  /**
   * Refuses a data directory that already holds a database when the bench was not asked to reuse it
   * ({@code complete}: it holds a whole data set, which {@code --reuse} would measure).
   */
  static void refuseFilledDir(Path dir, boolean complete) {
    if (Files.exists(dir.resolve(DuckDbStorage.FILE_NAME))) {
      throw new IllegalArgumentException(
          "--data-dir "
              + dir
              + " already holds a database"
              + (complete ? "; add --reuse to measure it" : " (not a complete bench data set)")
              + ", or pass an empty directory");
    }
  }

  long traces() {
    return (generations + GENERATIONS_PER_TRACE - 1) / GENERATIONS_PER_TRACE;
  }

  Instant start() {
    return end.minus(Duration.ofDays(days));
  }

  /** The manifest in {@code dataDir}, when a complete generation wrote one. */
  static Optional<AnalyticsDataset> readManifest(Path dataDir) throws IOException {
    Path file = dataDir.resolve(MANIFEST);
    if (!Files.exists(file)) return Optional.empty();
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    }
    return Optional.of(
        new AnalyticsDataset(
            Long.parseLong(p.getProperty("generations")),
            Integer.parseInt(p.getProperty("days")),
            Integer.parseInt(p.getProperty("models")),
            Integer.parseInt(p.getProperty("users")),
            Integer.parseInt(p.getProperty("sessions")),
            Long.parseLong(p.getProperty("seed")),
            Instant.parse(p.getProperty("end"))));
  }

  void writeManifest(Path dataDir) throws IOException {
    Properties p = new Properties();
    p.setProperty("generations", Long.toString(generations));
    p.setProperty("days", Integer.toString(days));
    p.setProperty("models", Integer.toString(models));
    p.setProperty("users", Integer.toString(users));
    p.setProperty("sessions", Integer.toString(sessions));
    p.setProperty("seed", Long.toString(seed));
    p.setProperty("end", end.toString());
    try (Writer w = Files.newBufferedWriter(dataDir.resolve(MANIFEST))) {
      p.store(w, "written by ./loupe bench analytics after a complete generation");
    }
  }

  /** Same data except possibly the end day (the content is relative to it). */
  boolean sameShape(AnalyticsDataset other) {
    return generations == other.generations
        && days == other.days
        && models == other.models
        && users == other.users
        && sessions == other.sessions
        && seed == other.seed;
  }
}
