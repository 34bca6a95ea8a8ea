package dev.loupe.bench;

import java.time.Duration;

/**
 * The ingest bench's warm-up: the same load as the measured run, for at least the given time and
 * then in 5-s rounds until the server's JIT compiler threads used less than 5% of a core over the
 * last round (at most 120 s in all). Under this load HotSpot compiles for well over the first half
 * minute on 2 cores; a clock started before that measures the compiler as much as the server. Each
 * round sends new traces (its own seeds), so the warm-up never turns into updates.
 */
final class Warmup {
  static final Duration ROUND = Duration.ofSeconds(5);
  static final Duration MAX = Duration.ofSeconds(120);
  static final double SETTLED_CORES = 0.05;

  /** How long it took, and the compiler threads' share of a core in the last round. */
  record Result(double seconds, double lastRoundJitCores, boolean settled) {
    @Override
    public String toString() {
      return String.format(
          "%.0f s of the same load; JIT compiler threads %.1f%% of a core in its last %d s%s",
          seconds,
          100 * lastRoundJitCores,
          ROUND.toSeconds(),
          settled ? "" : " (not settled within " + MAX.toSeconds() + " s: measured anyway)");
    }
  }

  private Warmup() {}

  static Result run(
      IngestTarget server, HttpLoad load, int clients, int batch, Duration atLeast, double rate)
      throws Exception {
    long t0 = System.nanoTime();
    long seed = 99;
    load.run(clients, batch, atLeast, seed, rate);
    double jitCores;
    boolean settled;
    do {
      double jit0 = server.jitCpuSeconds();
      long r0 = System.nanoTime();
      seed += 1_000;
      load.run(clients, batch, ROUND, seed, rate);
      jitCores = (server.jitCpuSeconds() - jit0) / ((System.nanoTime() - r0) / 1e9);
      settled = jitCores < SETTLED_CORES;
    } while (!settled && System.nanoTime() - t0 < MAX.toNanos());
    return new Result((System.nanoTime() - t0) / 1e9, jitCores, settled);
  }
}
