package dev.loupe.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.server.fuzz.FuzzCase.Expect;
import dev.loupe.server.fuzz.FuzzCase.GoodTrace;
import dev.loupe.server.process.RawHttp;
import dev.loupe.server.process.RawHttp.Outcome;
import dev.loupe.server.process.ServerProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeded fuzzer: for a bounded time, lanes of malformed requests (OTLP protobuf and JSON,
 * Langfuse batches, broken framing, wrong headers, gzip bombs) against a real server in a child JVM
 * with the launcher's flags and a bounded heap, while a bystander sends only valid data. Then every
 * good item that was sent beside bad ones is read back through the API.
 *
 * <p>Invariants: no 5xx (answers, per-event errors, reads); no hung connection; max RSS under a
 * stated bound; every good item of a well-formed body stored; every bystander request acknowledged
 * and its data readable.
 *
 * <p>{@code -Dloupe.fuzz.seed=N} (or {@code LOUPE_FUZZ_SEED}) replays a run; with {@code
 * -Dloupe.fuzz.case=L1#57} ({@code LOUPE_FUZZ_CASE}) only that case of it is sent; {@code
 * -Dloupe.fuzz.seconds=600} ({@code LOUPE_FUZZ_SECONDS}) runs longer. The totals go to stdout and
 * {@code target/fuzz-totals.txt}, every case to {@code fuzz-cases.txt}, the server's log to {@code
 * fuzz-server.log} and the bodies of failing cases to {@code target/fuzz-failures/}.
 */
class ITFuzzer {
  static final String HEAP = "384m";

  /**
   * The heap (384), the JVM's own memory (classes, code, threads: ~200) and DuckDB's buffer pool
   * for what a run of a minute writes (measured: 530-670 MiB for 60 s). DuckDB may cache up to its
   * 2 GB memory_limit as data grows, so a much longer run needs a larger bound ({@code
   * -Dloupe.fuzz.rssMiB}).
   */
  static final long RSS_BOUND_MIB = 1024;

  static final int BODY_TIMEOUT_SECONDS = 5;

  /** Well past the body timeout: an exchange neither answered nor closed by then is hung. */
  static final Duration HUNG_AFTER = Duration.ofSeconds(20);

  static final int BODY_LANES = 3;
  static final int MAX_DUMPS = 100;
  static final Path TARGET = Path.of("target");

  @TempDir Path dir;

  private final AtomicInteger dumps = new AtomicInteger();

  @Test
  void malformedInputNeverHurtsLoupeOrAnotherClient() throws Exception {
    long seed = setting("loupe.fuzz.seed", "LOUPE_FUZZ_SEED", System.nanoTime() & 0xffffffffL);
    long seconds = setting("loupe.fuzz.seconds", "LOUPE_FUZZ_SECONDS", 35);
    String only = text("loupe.fuzz.case", "LOUPE_FUZZ_CASE");
    long rssBoundMiB = setting("loupe.fuzz.rssMiB", "LOUPE_FUZZ_RSS_MIB", RSS_BOUND_MIB);
    String rerun =
        "-Dloupe.fuzz.seed="
            + seed
            + " (or LOUPE_FUZZ_SEED="
            + seed
            + "), one case with -Dloupe.fuzz.case=<id>; failing bodies in "
            + TARGET.resolve("fuzz-failures").toAbsolutePath();
    System.out.println("ITFuzzer: seed " + seed + ", " + seconds + " s; replay with " + rerun);
    long started = System.nanoTime();
    Bombs bombs = new Bombs();
    Report report = new Report();
    List<FuzzCase> accepted = Collections.synchronizedList(new ArrayList<>());
    long maxRssMiB;
    ServerProcess child = null;
    try (ServerProcess server =
            ServerProcess.start(
                dir.resolve("data"),
                HEAP,
                Map.of("LOUPE_BODY_TIMEOUT_SECONDS", Integer.toString(BODY_TIMEOUT_SECONDS)));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      child = server;
      report.setupSeconds = (System.nanoTime() - started) / 1_000_000_000.0;
      Bystander bystander = new Bystander(client, server.port(), seed, report);
      Thread bystanding = Thread.ofVirtual().name("bystander").start(bystander);
      Thread sampling = Thread.ofVirtual().name("rss").start(() -> sampleRss(server, report));
      long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      List<Thread> lanes = new ArrayList<>();
      for (int lane = 0; lane <= BODY_LANES; lane++) {
        Generator generator = new Generator(seed, lane, lane == BODY_LANES, bombs);
        if (only != null) {
          if (only.startsWith("L" + lane + "#"))
            lanes.add(
                Thread.ofVirtual()
                    .start(() -> replay(generator, only, server.port(), report, accepted)));
          continue;
        }
        lanes.add(
            Thread.ofVirtual()
                .name("fuzz-lane-" + lane)
                .start(
                    () -> {
                      while (System.nanoTime() < end) {
                        FuzzCase c;
                        try {
                          c = generator.next();
                        } catch (RuntimeException e) {
                          report.fail("fuzzer error", generator.lastId(), "generating", stack(e));
                          continue;
                        }
                        try {
                          check(c, send(server.port(), c), report, accepted);
                        } catch (RuntimeException e) {
                          report.fail("fuzzer error", c.id(), c.kind(), stack(e));
                        }
                      }
                    }));
      }
      for (Thread t : lanes) t.join();
      bystander.stop();
      bystanding.join();
      sampling.interrupt();

      long reading = System.nanoTime();
      readBack(new Readback(client, server.port()), accepted, report);
      bystander.verify();
      report.readSeconds = (System.nanoTime() - reading) / 1_000_000_000.0;
      if (!server.isAlive()) report.fail("server died", "-", "-", server.log());
      maxRssMiB = server.maxRssKiB() / 1024;
    }
    String totals = report.text(seed, seconds, HEAP, maxRssMiB, rssBoundMiB, rerun);
    System.out.println(totals);
    Report.write(TARGET.resolve("fuzz-totals.txt"), totals);
    Report.write(TARGET.resolve("fuzz-cases.txt"), report.log());
    Report.write(TARGET.resolve("fuzz-server.log"), child.log());

    long fiveXx = report.count(500, 600) + report.perEvent5xx.get() + report.other5xx.get();
    List<String> broken = new ArrayList<>();
    if (fiveXx > 0) broken.add("5xx = " + fiveXx);
    if (report.hung.get() > 0) broken.add("hung = " + report.hung.get());
    if (report.goodLost() > 0) broken.add("good items lost = " + report.goodLost());
    long unacknowledged = report.bystanderRequests.get() - report.bystanderAcknowledged.get();
    if (unacknowledged > 0) broken.add("bystander requests not acknowledged = " + unacknowledged);
    if (report.bystanderItemsLost.get() > 0)
      broken.add("bystander items lost = " + report.bystanderItemsLost.get());
    if (maxRssMiB >= rssBoundMiB) broken.add("max RSS " + maxRssMiB + " MiB");
    if (report.failures() > 0) broken.add("failures = " + report.failures());
    assertThat(broken)
        .as("broken invariants (seed %d; first cases: %s)", seed, report.firstExamples())
        .isEmpty();
    if (only == null) assertThat(report.bodies.get()).as("bodies sent").isGreaterThan(100);
  }

  /** The server's resident set every 5 s, into the case log. */
  private static void sampleRss(ServerProcess server, Report report) {
    long start = System.nanoTime();
    try {
      while (true) {
        report.log(
            "rss\t"
                + (System.nanoTime() - start) / 1_000_000_000
                + " s\t"
                + server.rssKiB() / 1024
                + " MiB (max "
                + server.maxRssKiB() / 1024
                + " MiB)");
        Thread.sleep(5000);
      }
    } catch (InterruptedException | RuntimeException e) {
      // stopped, or the server is gone
    }
  }

  /** Sends only case {@code id} of the run (the cases before it are made, not sent). */
  private void replay(
      Generator generator, String id, int port, Report report, List<FuzzCase> accepted) {
    for (int i = 0; i < 1_000_000; i++) {
      FuzzCase c = generator.next();
      if (!c.id().equals(id)) continue;
      Outcome o = send(port, c);
      System.out.println(
          "ITFuzzer: replayed " + c.id() + " " + c.kind() + " [" + c.framing() + "]: " + o);
      check(c, o, report, accepted);
      return;
    }
  }

  /**
   * Sends the case as a client that honours backpressure does: a 429 with {@code Retry-After} (the
   * server's ingest budget or apply lag) is sent again after the wait, up to 5 times, as OTLP
   * exporters and the Langfuse SDKs do. The last answer is the outcome.
   */
  private static Outcome send(int port, FuzzCase c) {
    Outcome o = sendOnce(port, c);
    for (int attempt = 1; attempt < 5 && isBackpressure(o); attempt++) {
      try {
        Thread.sleep(
            Duration.ofSeconds(Math.min(5, Long.parseLong(o.headers().get("retry-after")))));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return o;
      } catch (NumberFormatException e) {
        return o;
      }
      o = sendOnce(port, c);
    }
    return o;
  }

  private static boolean isBackpressure(Outcome o) {
    return o.kind() == RawHttp.Kind.ANSWERED
        && o.status() == 429
        && o.headers().containsKey("retry-after");
  }

  private static Outcome sendOnce(int port, FuzzCase c) {
    Map<String, String> headers = new java.util.LinkedHashMap<>(c.headers());
    headers.putAll(c.framing().headers(c.body()));
    try {
      return RawHttp.exchange(
          port,
          RawHttp.head("POST", c.path(), headers),
          c.framing().writer(c.body(), new java.util.Random(c.id().hashCode())),
          HUNG_AFTER);
    } catch (IOException e) {
      return new Outcome(RawHttp.Kind.CLOSED, -1, Map.of(), new byte[0], 0, "connect: " + e);
    }
  }

  private void check(FuzzCase c, Outcome o, Report report, List<FuzzCase> accepted) {
    report.bodies.incrementAndGet();
    report.log(
        c.id()
            + "\t"
            + o.millis()
            + " ms\t"
            + (o.kind() == RawHttp.Kind.ANSWERED ? o.status() : o.kind())
            + "\t"
            + c.framing()
            + "\t"
            + c.body().length
            + " B\t"
            + c.kind());
    int goodItems = c.good().stream().mapToInt(g -> g.observationIds().size()).sum();
    if (c.expect() == Expect.KEEPS_GOOD) {
      report.goodBodies.incrementAndGet();
      report.goodItems.addAndGet(goodItems);
    }
    switch (o.kind()) {
      case HUNG -> {
        report.hung.incrementAndGet();
        fail(report, "hung", c, o);
        return;
      }
      case CLOSED -> {
        report.closedWithoutAnswer.incrementAndGet();
        if (c.framing().wellFormed) fail(report, "closed without an answer", c, o);
        if (c.expect() == Expect.KEEPS_GOOD) report.goodRefused.addAndGet(goodItems);
        return;
      }
      case ANSWERED -> report.status(o.status());
    }
    if (o.status() >= 500) fail(report, "5xx", c, o);
    if (o.status() == 207) perEventErrors(c, o, report);
    if (c.expect() != Expect.KEEPS_GOOD) return;
    if (o.status() >= 200 && o.status() < 300) {
      accepted.add(c);
    } else {
      report.goodRefused.addAndGet(goodItems);
      fail(report, "good items refused with their body", c, o);
    }
  }

  private void perEventErrors(FuzzCase c, Outcome o, Report report) {
    JsonNode errors = Json.parse(o.bodyText()).path("errors");
    for (JsonNode e : errors) {
      if (e.path("status").asInt() >= 500) {
        report.perEvent5xx.incrementAndGet();
        fail(report, "per-event 5xx", c, o);
      }
    }
  }

  /**
   * Every good item of every accepted well-formed body, through the API: all of them in the traces
   * list's pages, and one body in ten also by trace id and one observation by id.
   */
  private static void readBack(Readback readback, List<FuzzCase> accepted, Report report)
      throws InterruptedException {
    StringBuilder failure = new StringBuilder();
    Map<String, Set<String>> stored = readback.all(failure);
    report.reads.incrementAndGet();
    if (stored == null) {
      report.fail("good items unreadable", "-", "list", failure.toString());
      return;
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < accepted.size(); i++) {
        FuzzCase c = accepted.get(i);
        for (GoodTrace t : c.good()) {
          Readback.Found listed = Readback.in(stored, t);
          if (!listed.ok()) lost(report, c, t, listed);
        }
        if (i % 10 != 0) continue;
        pool.submit(
            () -> {
              for (GoodTrace t : c.good()) {
                report.reads.incrementAndGet();
                long t0 = System.nanoTime();
                Readback.Found f = readback.trace(t);
                report.log(
                    "read "
                        + t.traceId()
                        + "\t"
                        + (System.nanoTime() - t0) / 1_000_000
                        + " ms\t"
                        + t.observationIds().size()
                        + " items\t"
                        + c.id());
                if (!f.ok()) lost(report, c, t, f);
                if (f.ok() && !t.observationIds().isEmpty()) {
                  report.reads.incrementAndGet();
                  Readback.Found one = readback.observation(t.observationIds().get(0));
                  if (!one.ok()) lost(report, c, t, one);
                }
              }
            });
      }
    }
  }

  private static void lost(Report report, FuzzCase c, GoodTrace t, Readback.Found f) {
    if (f.status() >= 500) report.other5xx.incrementAndGet();
    if (f.status() == 200 || f.status() == 404) report.goodMissing.addAndGet(f.missing().size());
    else report.goodUnreadable.addAndGet(f.missing().size());
    report.fail(
        f.status() == 200 || f.status() == 404 ? "good item missing" : "good item unreadable",
        c.id(),
        c.kind(),
        "trace " + t.traceId() + " " + f.status() + " missing " + f.missing() + " " + f.detail());
  }

  private void fail(Report report, String what, FuzzCase c, Outcome o) {
    report.fail(what, c.id(), c.kind() + " [" + c.framing() + "]", o.toString());
    if (dumps.incrementAndGet() > MAX_DUMPS) return;
    try {
      Path failures = TARGET.resolve("fuzz-failures");
      Files.createDirectories(failures);
      String name = c.id().replace('#', '-');
      Files.write(failures.resolve(name + ".body"), c.body());
      Files.writeString(
          failures.resolve(name + ".txt"),
          what
              + "\n"
              + c.kind()
              + "\nPOST "
              + c.path()
              + "\n"
              + c.headers()
              + "\nframing "
              + c.framing()
              + "\n"
              + o
              + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      // the report still names the case
    }
  }

  private static String stack(Exception e) {
    java.io.StringWriter w = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(w));
    return w.toString().lines().limit(8).reduce((a, b) -> a + " <- " + b.trim()).orElse("");
  }

  private static String text(String property, String env) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) v = System.getenv(env);
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static long setting(String property, String env, long dflt) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) v = System.getenv(env);
    return v == null || v.isBlank() ? dflt : Long.parseLong(v.trim());
  }
}
