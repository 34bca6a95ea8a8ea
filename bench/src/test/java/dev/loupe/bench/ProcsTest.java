package dev.loupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's CPU split by what its threads do, read from /proc the way the bench reads it. */
class ProcsTest {
  @Test
  void threadCpuSeconds_sumsEachPartOfTheProcessByTheThreadsNames() throws Exception {
    long pid = ProcessHandle.current().pid();
    Thread writer = Thread.ofPlatform().name("loupe-duckdb-writer").start(ProcsTest::spin);
    writer.join();
    Thread busy = Thread.ofPlatform().name("loupe-duckdb-writer").start(ProcsTest::spinForever);
    try {
      Thread.sleep(300);
      Map<String, Double> parts = Procs.threadCpuSeconds(pid, ServerProcess::part);

      // the name is cut to 15 characters in /proc ("loupe-duckdb-wr"), still the writer's
      assertThat(parts).containsKey("writer");
      assertThat(parts.get("writer")).isGreaterThan(0.05); // the running one; the ended one is gone
      assertThat(parts).containsKey("other"); // main, the test runner's threads
      assertThat(parts.values().stream().mapToDouble(Double::doubleValue).sum())
          .isLessThanOrEqualTo(Procs.cpuSeconds(pid) + 0.05);
    } finally {
      busy.interrupt();
      busy.join();
    }
  }

  @Test
  void part_namesTheServersThreads() {
    assertThat(ServerProcess.part("ForkJoinPool-1-")).isEqualTo("requests");
    assertThat(ServerProcess.part("loupe-ingest-lo")).isEqualTo("ingest log");
    assertThat(ServerProcess.part("loupe-apply-rea")).isEqualTo("applier");
    assertThat(ServerProcess.part("loupe-applier")).isEqualTo("applier");
    assertThat(ServerProcess.part("loupe-duckdb-lo")).isEqualTo("loader");
    assertThat(ServerProcess.part("VM Thread")).isEqualTo("GC");
    assertThat(ServerProcess.part("C2 CompilerThre")).isEqualTo("JIT");
    assertThat(ServerProcess.part("loupe-payload-s")).isEqualTo("other");
  }

  private static void spin() {
    long end = System.nanoTime() + 50_000_000;
    while (System.nanoTime() < end) Thread.onSpinWait();
  }

  private static void spinForever() {
    while (!Thread.currentThread().isInterrupted()) Thread.onSpinWait();
  }
}
