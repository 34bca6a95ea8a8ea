package dev.loupe.bench;

import java.util.List;
import java.util.Map;

/**
 * What the ingest bench loads: one embedded server ({@link ServerProcess}) or the nodes of the
 * scale-out mode ({@link ClusterTarget}). Clients are spread over {@link #urls()}; what it costs is
 * read from /proc for every process of its own.
 */
interface IngestTarget extends AutoCloseable {
  /** Where clients send (client i to {@code urls().get(i % size)}). */
  List<String> urls();

  String publicKey();

  String secretKey();

  /** CPU seconds of the target's own processes so far (every thread). */
  double cpuSeconds();

  /** CPU seconds of its JVMs' JIT compiler threads so far. */
  double jitCpuSeconds();

  /** Seconds its JVMs were paused for garbage collection so far. */
  double gcPauseSeconds();

  /** Resident memory of its processes, e.g. {@code 191 MiB} or {@code nodes 3 x ~400 MiB, ...}. */
  String rss();

  /**
   * CPU seconds so far by part: by kind of process when it has more than one (scale-out), by what
   * its threads do when it is one (embedded).
   */
  Map<String, Double> cpuByPart();

  @Override
  void close();
}
