package dev.loupe.storage.duckdb;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where the writer's time goes, cumulative since open, per stage: wall time and the CPU time of the
 * thread that ran it (what decides throughput per core on a shared machine). The writer thread
 * {@link #lap}s at the end of each stage, its loader ({@link GroupWriter}) on a {@link Clock} of
 * its own; any thread reads with {@link #toString()}. Stages of the two threads overlap, so their
 * wall times add up to more than the group took.
 */
final class WriterStats {
  /** The stages of a write group, in order. */
  enum Stage {
    LOOKUP,
    MERGE,
    /** The payload records into the payload log (the loader's). */
    PAYLOADS,
    /** The per-trace rollup, maintained in the same transaction (after the merge). */
    ROLLUP,
    DELETE,
    /** The rows into the group's loads ({@link TableLoad}), in Java (the loader's). */
    APPEND,
    /** DuckDB's insert of the loads (waiting for the loader's rows included). */
    INSERT,
    PAYLOAD_SYNC,
    COMMIT
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  final LongAdder groups = new LongAdder();
  final LongAdder rows = new LongAdder();
  private final Map<Stage, LongAdder> wall = new EnumMap<>(Stage.class);
  private final Map<Stage, LongAdder> cpu = new EnumMap<>(Stage.class);
  private final Clock writer = new Clock();

  WriterStats() {
    for (Stage s : Stage.values()) {
      wall.put(s, new LongAdder());
      cpu.put(s, new LongAdder());
    }
  }

  /** Starts timing a group (writer thread). */
  void start() {
    writer.start();
  }

  /** Ends {@code stage}: the time since the last lap is its (writer thread). */
  void lap(Stage stage) {
    writer.lap(stage);
  }

  /** Laps of one thread; {@link #start} it on that thread. */
  final class Clock {
    private long lastWall;
    private long lastCpu;

    void start() {
      lastWall = System.nanoTime();
      lastCpu = THREADS.getCurrentThreadCpuTime();
    }

    /** Ends {@code stage}: the time since the last lap (or start) is its. */
    void lap(Stage stage) {
      long w = System.nanoTime(), c = THREADS.getCurrentThreadCpuTime();
      wall.get(stage).add(w - lastWall);
      cpu.get(stage).add(c - lastCpu);
      lastWall = w;
      lastCpu = c;
    }
  }

  /** Writer-thread CPU nanoseconds of {@code stage} so far. */
  long cpuNanos(Stage stage) {
    return cpu.get(stage).sum();
  }

  /** Per stage (lower-case name), wall and writer-thread CPU nanoseconds so far. */
  Map<String, DuckDbStats.StageTime> byStage() {
    Map<String, DuckDbStats.StageTime> out = new java.util.LinkedHashMap<>();
    for (Stage s : Stage.values()) {
      out.put(
          s.name().toLowerCase(java.util.Locale.ROOT),
          new DuckDbStats.StageTime(wall.get(s).sum(), cpu.get(s).sum()));
    }
    return out;
  }

  /** Writer-thread CPU nanoseconds of all stages so far. */
  long cpuNanos() {
    long sum = 0;
    for (LongAdder a : cpu.values()) sum += a.sum();
    return sum;
  }

  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("groups=%d rows=%d".formatted(groups.sum(), rows.sum()))
            .append(" cpu=%dms".formatted(cpuNanos() / 1_000_000));
    for (Stage s : Stage.values()) {
      sb.append(' ')
          .append(s.name().toLowerCase(java.util.Locale.ROOT))
          .append(
              "=%d/%dms".formatted(cpu.get(s).sum() / 1_000_000, wall.get(s).sum() / 1_000_000));
    }
    return sb.append(" (cpu/wall)").toString();
  }
}
