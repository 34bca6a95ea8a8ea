package dev.loupe.bench;

import dev.loupe.storage.duckdb.DuckDbStorage;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Web UI benchmark: the analytics data set plus one {@link BigTrace} in a DuckDB data dir (or a
 * directory that holds them, with {@code --reuse}), the real server on it as a child process, and
 * real headless Chromium signed in on {@code /ui/login} timing each page from navigation start to
 * {@code html[data-loupe-ready]}: a warm-up, then {@code --runs} timed visits per page.
 *
 * <pre>
 * ./loupe bench ui [--generations 1000000] [--trace-observations 10000] [--data-dir DIR] [--reuse]
 *     [--runs 5] [--warmup 1] [--model gpt-4o] [--timeout 120] [--port 0] [--jar SERVER_JAR]
 *     [--server-java-opts "-XX:+UseSerialGC"] [--days 30] [--models 40] [--users 5000]
 *     [--sessions 50000] [--seed 42] [--end INSTANT] [--writers 2]
 * </pre>
 */
final class UiBench {
  static final String MANIFEST = "loupe-bench-ui.properties";

  /** {@code "step":57,} URL-encoded: the input of the big trace's tool calls of step 57. */
  private static final String RARE_STEP = "%22step%22%3A57%2C";

  private UiBench() {}

  /** A page the bench visits, and the DOM hook whose count shows it drew its data. */
  record UiPage(String label, String path, String hook, String fallback) {}

  /** A page's outcome: the timed visits (the warm-up not included) and what the page showed. */
  record PageResult(UiPage page, List<UiBrowser.Visit> visits, String note) {
    UiBrowser.Visit last() {
      return visits.get(visits.size() - 1);
    }

    boolean placeholder() {
      return last().status() == 404;
    }

    String status() {
      UiBrowser.Visit v = last();
      if (v.path().equals("/ui/login")) return "signed out";
      if (v.status() == 404) return "404 not built";
      if (!v.ready()) return v.status() == 0 ? "no answer" : v.status() + " never ready";
      return v.status() == 0 ? "?" : Integer.toString(v.status());
    }

    /** Nearest-rank percentile of the ready times, or -1 when no visit became ready. */
    double readyPercentile(double p) {
      double[] ready =
          visits.stream()
              .filter(UiBrowser.Visit::ready)
              .mapToDouble(v -> v.readyMillis())
              .sorted()
              .toArray();
      if (ready.length == 0) return -1;
      int rank = (int) Math.ceil(p / 100 * ready.length);
      return ready[Math.max(0, rank - 1)];
    }

    double htmlMedian() {
      double[] html = visits.stream().mapToDouble(UiBrowser.Visit::htmlMillis).sorted().toArray();
      return html[(html.length - 1) / 2];
    }
  }

  /** Runs the bench and prints the result block; returns its lines. */
  static List<String> run(Map<String, String> opt) throws Exception {
    AnalyticsDataset wanted = AnalyticsDataset.fromOptions(opt, 1_000_000, ChronoUnit.HOURS);
    int traceObservations = Integer.parseInt(opt.getOrDefault("trace-observations", "10000"));
    Path dir =
        opt.containsKey("data-dir")
            ? Path.of(opt.get("data-dir"))
            : Dirs.temporary("loupe-bench-ui");
    int runs = Integer.parseInt(opt.getOrDefault("runs", "5"));
    int warmup = Integer.parseInt(opt.getOrDefault("warmup", "1"));
    Duration timeout = Duration.ofSeconds(Long.parseLong(opt.getOrDefault("timeout", "120")));
    if (runs < 1 || warmup < 0) throw new IllegalArgumentException("--runs >= 1, --warmup >= 0");
    if (!UiBrowser.available()) {
      throw new IllegalStateException(
          "needs " + UiBrowser.CHROMIUM + " and " + UiBrowser.CHROMEDRIVER);
    }

    List<String> out = new ArrayList<>();
    String loadAtStart = Footprint.loadAverage();
    Files.createDirectories(dir);
    Prepared data = prepare(wanted, traceObservations, dir, opt.containsKey("reuse"), opt, out);
    long dataBytes = Footprint.bytes(dir);
    // the second most popular model: busy, but a fraction of the traffic
    String model =
        opt.getOrDefault("model", ModelCatalog.ALL.get(data.dataset().models() > 1 ? 1 : 0).name());
    List<UiPage> pages = pages(model, data.trace().traceId(), traceObservations);
    if (opt.containsKey("pages")) { // a regular expression found in the labels to visit
      java.util.regex.Pattern only = java.util.regex.Pattern.compile(opt.get("pages"));
      pages = pages.stream().filter(p -> only.matcher(p.label()).find()).toList();
    }
    boolean phases = opt.containsKey("phases");

    Path jar = opt.containsKey("jar") ? Path.of(opt.get("jar")) : null;
    String serverOpts = opt.getOrDefault("server-java-opts", ServerProcess.defaultFlags());
    List<PageResult> results = new ArrayList<>();
    long idleRss, maxRss = 0, endRss;
    String browserVersion;
    try (UiServer server =
            UiServer.start(dir, jar, Integer.parseInt(opt.getOrDefault("port", "0")), serverOpts);
        UiBrowser browser = new UiBrowser(timeout)) {
      idleRss = server.rssMiB();
      browserVersion = browser.version();
      System.out.printf(
          "server up in %,d ms (pid %d, RSS %,d MiB, log %s); %s%n",
          server.startMillis, server.pid(), idleRss, server.log, browserVersion);
      browser.signIn(server.baseUrl, ServerProcess.PUBLIC_KEY, ServerProcess.SECRET_KEY);
      for (UiPage page : pages) {
        PageResult r = measure(browser, server.baseUrl, page, warmup, runs);
        maxRss = Math.max(maxRss, server.rssMiB());
        results.add(r);
        System.out.println(row(r)); // kept even if a later page fails
        if (phases) System.out.println(phases(r));
      }
      endRss = server.rssMiB();
    }

    out.add(
        String.format(
            "%-22s %-14s %10s %10s %10s %10s  %s",
            "page", "status", "ready p50", "ready max", "html p50", "html size", "what it drew"));
    for (PageResult r : results) out.add(row(r));
    out.add(
        String.format(
            "timing    : navigation start -> html[data-loupe-ready] in the browser's clock; %d"
                + " warm-up + %d timed visits per page (a 404 placeholder is visited once);"
                + " html = request start -> last byte of the document",
            warmup, runs));
    out.add(
        String.format(
            "server RSS: %,d MiB after start, %,d MiB max after a page, %,d MiB at end (%s)",
            idleRss, maxRss, endRss, serverOpts));
    out.add(
        String.format(
            "data      : %s on disk in %s (%,d traces, %,d observations)",
            Footprint.human(dataBytes),
            dir.toAbsolutePath(),
            data.dataset().traces() + 1,
            data.dataset().generations() + 2 * data.dataset().traces() + traceObservations));
    out.add(
        String.format(
            "machine   : %d cores, %s, 1-min load average %s at start, %s at end",
            Runtime.getRuntime().availableProcessors(),
            browserVersion,
            loadAtStart,
            Footprint.loadAverage()));
    System.out.println();
    for (String line : out) System.out.println(line);
    return out;
  }

  /** The data set in the directory and the big trace in it. */
  record Prepared(AnalyticsDataset dataset, BigTrace trace) {}

  private static Prepared prepare(
      AnalyticsDataset wanted,
      int traceObservations,
      Path dir,
      boolean reuse,
      Map<String, String> opt,
      List<String> out)
      throws Exception {
    Optional<AnalyticsDataset> existing = AnalyticsDataset.readManifest(dir);
    Optional<BigTrace> existingTrace = readTraceManifest(dir);
    AnalyticsDataset data;
    BigTrace trace;
    boolean generate;
    if (reuse && existing.isPresent()) {
      data = existing.get();
      if (!data.sameShape(wanted)) {
        throw new IllegalArgumentException(
            "--reuse: " + dir + " holds " + data + ", not the requested " + wanted);
      }
      if (existingTrace.isPresent() && existingTrace.get().observations() != traceObservations) {
        throw new IllegalArgumentException(
            "--reuse: "
                + dir
                + " holds a big trace of "
                + existingTrace.get().observations()
                + " observations, not "
                + traceObservations);
      }
      generate = false;
      trace = existingTrace.orElse(null);
    } else {
      AnalyticsDataset.refuseFilledDir(dir, existing.isPresent());
      data = wanted;
      generate = true;
      trace = null;
    }
    out.add(
        String.format(
            "loupe ui bench: %,d generations in %,d traces over %d days to %s, %d models, %,d users,"
                + " %,d sessions, seed %d, plus one trace of %,d observations; data %s",
            data.generations(),
            data.traces(),
            data.days(),
            data.end(),
            data.models(),
            data.users(),
            data.sessions(),
            data.seed(),
            traceObservations,
            dir.toAbsolutePath()));
    System.out.println(out.get(out.size() - 1));
    if (!generate && trace != null) {
      out.add("generate  : skipped (--reuse; data written earlier)");
      System.out.println(out.get(out.size() - 1));
      return new Prepared(data, trace);
    }
    if (trace == null) {
      trace = new BigTrace(traceObservations, data.seed(), data.end().minus(Duration.ofHours(3)));
    }
    long t0 = System.nanoTime();
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      if (generate) {
        BulkLoader.Result gen =
            BulkLoader.load(
                data,
                storage.observationConsumer(),
                Integer.parseInt(opt.getOrDefault("writers", "2")));
        out.add(
            String.format(
                "generate  : %,d rows in %.1f s = %,.0f rows/s",
                gen.rows(), gen.seconds(), gen.rowsPerSecond()));
        System.out.println(out.get(out.size() - 1));
      }
      long t1 = System.nanoTime();
      storage.observationConsumer().accept(trace.batch());
      out.add(
          String.format(
              "big trace : %s, %,d observations (%,d step spans) written in %.1f s",
              trace.traceId(),
              trace.observations(),
              trace.steps(),
              (System.nanoTime() - t1) / 1e9));
      System.out.println(out.get(out.size() - 1));
    }
    if (generate) data.writeManifest(dir);
    writeTraceManifest(dir, trace);
    out.add(
        String.format(
            "prepare   : %.1f s in all, with close + checkpoint", (System.nanoTime() - t0) / 1e9));
    System.out.println(out.get(out.size() - 1));
    return new Prepared(data, trace);
  }

  static List<UiPage> pages(String model, String bigTraceId, int bigTraceObservations) {
    String rows = "tr.trace-row";
    String anyRow = "table tbody tr";
    String observations = "tr.observation-row";
    return List.of(
        new UiPage("traces", "/ui/traces", rows, anyRow),
        new UiPage("traces by cost", "/ui/traces?sort=cost&dir=desc", rows, anyRow),
        new UiPage("traces model=" + model, "/ui/traces?model=" + encode(model), rows, anyRow),
        new UiPage(
            "dashboard", "/ui/dashboard", "table#cost-by-model tr[data-model]", "table tbody tr"),
        new UiPage(
            "dashboard 30d",
            "/ui/dashboard?range=30d",
            "table#cost-by-model tr[data-model]",
            "table tbody tr"),
        new UiPage(
            String.format("trace (%,d obs)", bigTraceObservations),
            "/ui/traces/" + bigTraceId,
            ".node[data-observation-id]",
            "li"),
        new UiPage("observations", "/ui/observations", observations, anyRow),
        new UiPage(
            "obs gen by cost", "/ui/observations?type=GENERATION&sort=cost", observations, anyRow),
        // full text (input, output, name): a word in a sixth of the traces, a word in one trace
        // (the big trace's task; for observations the tool calls of one step of the big trace:
        // "step":57,), a word in none; within the default 24 hours, then over 30 days
        new UiPage("traces text common", "/ui/traces?search=refund", rows, anyRow),
        new UiPage("traces text rare", "/ui/traces?search=vendors", rows, anyRow),
        new UiPage("traces text none", "/ui/traces?search=zebra+crossing", rows, anyRow),
        new UiPage("traces text rare 30d", "/ui/traces?search=vendors&range=30d", rows, anyRow),
        new UiPage("obs text common", "/ui/observations?search=refund", observations, anyRow),
        new UiPage("obs text rare", "/ui/observations?search=" + RARE_STEP, observations, anyRow),
        new UiPage("obs text none", "/ui/observations?search=zebra+crossing", observations, anyRow),
        new UiPage(
            "obs text rare 30d",
            "/ui/observations?search=" + RARE_STEP + "&range=30d",
            observations,
            anyRow),
        new UiPage("sessions", "/ui/sessions", "tr[data-session-id]", anyRow),
        new UiPage("users", "/ui/users", "tr[data-user-id]", anyRow),
        new UiPage("models", "/ui/models", "tr[data-model-name]", anyRow));
  }

  static PageResult measure(UiBrowser browser, String baseUrl, UiPage page, int warmup, int runs) {
    String url = baseUrl + page.path();
    List<UiBrowser.Visit> visits = new ArrayList<>();
    UiBrowser.Visit first = browser.visit(url);
    if (warmup == 0) visits.add(first);
    if (first.status() != 404 && !first.path().equals("/ui/login")) {
      for (int i = 1; i < warmup; i++) browser.visit(url);
      while (visits.size() < runs) visits.add(browser.visit(url));
    } else if (visits.isEmpty()) {
      visits.add(first);
    }
    return new PageResult(page, visits, describe(browser, page));
  }

  /** What the current page shows: the count of its DOM hook (or of a generic fallback). */
  private static String describe(UiBrowser browser, UiPage page) {
    int hooks = browser.count(page.hook());
    String note;
    if (hooks > 0) {
      note = String.format("%,d %s", hooks, page.hook());
    } else {
      note =
          String.format(
              "no %s; %,d %s", page.hook(), browser.count(page.fallback()), page.fallback());
    }
    if (page.path().contains("sort=cost")) note += "; " + costOrder(browser.texts("td.cost"));
    if (page.path().contains("search=")) note += "; " + String.join(" ", browser.texts("p.count"));
    return note;
  }

  /** Whether the cost cells go from high to low (the list sorted by cost). */
  static String costOrder(List<String> cells) {
    if (cells.isEmpty()) return "no td.cost to check the order";
    double previous = Double.MAX_VALUE;
    for (String cell : cells) {
      String digits = cell.replaceAll("[^0-9.]", "");
      if (digits.isEmpty()) continue;
      double v = Double.parseDouble(digits);
      if (v > previous) return "NOT sorted by cost";
      previous = v;
    }
    return "sorted by cost desc";
  }

  static String row(PageResult r) {
    boolean timed = !r.placeholder() && r.readyPercentile(50) >= 0;
    UiBrowser.Visit last = r.last();
    return String.format(
        "%-22s %-14s %10s %10s %10s %10s  %s",
        r.page().label(),
        r.status(),
        timed ? millis(r.readyPercentile(50)) : "-",
        timed ? millis(r.readyPercentile(100)) : "-",
        timed ? millis(r.htmlMedian()) : "-",
        size(last.htmlBytes()),
        r.placeholder() ? "placeholder page" : r.note());
  }

  /**
   * Where a page's time goes, medians over its timed visits in ms from navigation start: request
   * sent, first byte, last byte, DOM parsed (interactive), DOMContentLoaded start and end, ready;
   * then the last visit's subresources (name, start + duration, whether from the cache) and its
   * renderer's time by kind.
   */
  static String phases(PageResult r) {
    String[] names = {"req", "ttfb", "html", "interactive", "dcl", "dcl end"};
    StringBuilder b = new StringBuilder("    phases:");
    for (int i = 0; i < names.length; i++) {
      int k = i;
      double[] v =
          r.visits().stream()
              .filter(x -> x.phases().size() > k)
              .mapToDouble(x -> x.phases().get(k))
              .sorted()
              .toArray();
      if (v.length > 0) b.append(String.format(" %s %.0f", names[i], v[(v.length - 1) / 2]));
    }
    b.append(String.format(" ready %.0f%n    %s", r.readyPercentile(50), r.last().detail()));
    return b.toString();
  }

  /** A document's size: {@code 19.5 KB}, {@code 3.2 MB} (decimal units). */
  private static String size(long bytes) {
    return bytes < 1_000_000
        ? String.format("%.1f KB", bytes / 1e3)
        : String.format("%.1f MB", bytes / 1e6);
  }

  private static String millis(double ms) {
    return ms < 10 ? String.format("%.1f ms", ms) : String.format("%,.0f ms", ms);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static Optional<BigTrace> readTraceManifest(Path dir) throws IOException {
    Path file = dir.resolve(MANIFEST);
    if (!Files.exists(file)) return Optional.empty();
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    }
    return Optional.of(
        new BigTrace(
            Integer.parseInt(p.getProperty("traceObservations")),
            Long.parseLong(p.getProperty("seed")),
            Instant.parse(p.getProperty("traceStart"))));
  }

  private static void writeTraceManifest(Path dir, BigTrace trace) throws IOException {
    Properties p = new Properties();
    p.setProperty("traceObservations", Integer.toString(trace.observations()));
    p.setProperty("seed", Long.toString(trace.seed()));
    p.setProperty("traceStart", trace.start().toString());
    p.setProperty("traceId", trace.traceId());
    try (Writer w = Files.newBufferedWriter(dir.resolve(MANIFEST))) {
      p.store(w, "written by ./loupe bench ui once the big trace is stored");
    }
  }
}
