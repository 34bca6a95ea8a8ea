package dev.loupe.server.process;

import dev.loupe.cluster.LocalCluster;
import dev.loupe.model.Json;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of the multi-node kill: {@link #CLIENTS} clients on each of nodes A and B, {@link
 * #READERS} readers on C (each reads the newest acknowledged trace whenever it is free, timing
 * acknowledgement to complete read: the visible latency), A killed with SIGKILL after a while, B
 * loaded on, then every acknowledged trace checked through C once the group has applied all.
 */
final class KillRun {
  static final int CLIENTS = 2;
  static final int READERS = 2;

  private final HttpClient http;
  private final LocalCluster cluster;
  private final List<ClusterLoad.Ack> acks = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> visibleMillis = Collections.synchronizedList(new ArrayList<>());
  private final AtomicReference<ClusterLoad.Ack> newest = new AtomicReference<>();
  private final List<String> lost = new ArrayList<>();
  private long readSpans;
  private long startedAtNanos;
  private long killedAtNanos;
  private long stoppedAtNanos;
  private long seed;
  private double catchUpSeconds;
  private boolean caughtUp;

  KillRun(HttpClient http, LocalCluster cluster) {
    this.http = http;
    this.cluster = cluster;
  }

  KillRun run(long beforeKillMillis, long afterKillMillis) throws Exception {
    seed = Long.getLong("loupe.killSeed", System.nanoTime());
    Random random = new Random(seed);
    String c = cluster.node(2).url();
    AtomicBoolean stopA = new AtomicBoolean();
    AtomicBoolean stopAll = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      for (int n = 0; n < 2; n++) {
        String url = cluster.node(n).url();
        String name = cluster.node(n).name();
        Random r = new Random(random.nextLong());
        AtomicBoolean stop = n == 0 ? stopA : stopAll;
        threads.add(
            Thread.ofVirtual()
                .start(() -> ClusterLoad.send(http, url, name, r, stop, this::acked)));
      }
    }
    for (int i = 0; i < READERS; i++) threads.add(Thread.ofVirtual().start(() -> read(c, stopAll)));
    startedAtNanos = System.nanoTime();
    Thread.sleep(beforeKillMillis);
    killedAtNanos = System.nanoTime();
    cluster.node(0).kill();
    stopA.set(true);
    Thread.sleep(afterKillMillis);
    stopAll.set(true);
    for (Thread t : threads) t.join();
    stoppedAtNanos = System.nanoTime();
    long t0 = System.nanoTime();
    caughtUp = awaitCaughtUp(c);
    catchUpSeconds = (System.nanoTime() - t0) / 1e9;
    for (ClusterLoad.Ack a : List.copyOf(acks)) {
      ClusterLoad.Read read = ClusterLoad.check(http, c, a.traceId());
      readSpans += read.observations();
      if (!read.ok()) lost.add(a.node() + ": " + read.problem());
    }
    return this;
  }

  private void acked(ClusterLoad.Ack ack) {
    acks.add(ack);
    newest.set(ack);
  }

  /** Reads the newest acknowledged trace through C until it is complete; records how long. */
  private void read(String c, AtomicBoolean stop) {
    ClusterLoad.Ack last = null;
    while (!stop.get()) {
      ClusterLoad.Ack a = newest.get();
      try {
        if (a == null || a == last) {
          Thread.sleep(20);
          continue;
        }
        last = a;
        long deadline = a.ackedAtNanos() + Duration.ofSeconds(60).toNanos();
        while (!ClusterLoad.check(http, c, a.traceId()).ok() && System.nanoTime() < deadline)
          Thread.sleep(50);
        visibleMillis.add((System.nanoTime() - a.ackedAtNanos()) / 1_000_000);
      } catch (java.io.IOException e) {
        // C is overloaded for a moment: the next read times again
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Waits (up to 2 minutes) until C's health reports nothing acknowledged left to apply; false when
   * it never did (the traces are checked all the same, to say what is missing).
   */
  private boolean awaitCaughtUp(String c) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> h =
          http.send(ClusterLoad.get(c + "/api/public/health"), ClusterLoad.ofString());
      if (h.statusCode() == 200
          && Json.parse(h.body()).path("ingest").path("lagRecords").asLong() == 0) return true;
      Thread.sleep(200);
    }
    return false;
  }

  /** True when the group applied every acknowledged record once the load stopped. */
  boolean caughtUp() {
    return caughtUp;
  }

  long acknowledgedBy(String node) {
    return acks.stream().filter(a -> a.node().equals(node)).count();
  }

  long acknowledgedAfterKill() {
    return acks.stream().filter(a -> a.ackedAtNanos() > killedAtNanos).count();
  }

  long spansAcknowledged() {
    return acks.size() * (long) ITKillNine.SPANS;
  }

  List<String> lost() {
    return lost;
  }

  /** Spans per second acknowledged between two instants (System.nanoTime). */
  private double rate(long from, long to) {
    long n = acks.stream().filter(a -> a.ackedAtNanos() > from && a.ackedAtNanos() <= to).count();
    return n * (double) ITKillNine.SPANS / ((to - from) / 1e9);
  }

  String summary() {
    List<Long> sorted = new ArrayList<>(visibleMillis);
    Collections.sort(sorted);
    long spans = acks.size() * (long) ITKillNine.SPANS;
    return String.format(
        "%d traces acknowledged (node A %d, node B %d, %d after A was killed), %d spans"
            + " acknowledged, %d spans read back through node C, %d spans lost, %d traces wrong %s; visible latency"
            + " (ack to complete read through C, %d samples) p50 %d ms, p99 %d ms, max %d ms;"
            + " backlog %s %.1f s after the load stopped; acknowledged %.0f spans/s by A and"
            + " B before the kill, %.0f spans/s by B alone after it (seed %d)",
        acks.size(),
        acknowledgedBy("node A"),
        acknowledgedBy("node B"),
        acknowledgedAfterKill(),
        spans,
        readSpans,
        spans - readSpans,
        lost.size(),
        lost.size() > 10 ? lost.subList(0, 10) : lost,
        sorted.size(),
        ClusterLoad.quantile(sorted, 0.5),
        ClusterLoad.quantile(sorted, 0.99),
        sorted.isEmpty() ? -1 : sorted.getLast(),
        caughtUp ? "applied" : "NOT applied",
        catchUpSeconds,
        rate(startedAtNanos, killedAtNanos),
        rate(killedAtNanos, stoppedAtNanos),
        seed);
  }
}
