package dev.loupe.storage;

/**
 * The threads an acknowledged span passes through until it is visible: the ingest log's group
 * commit, the appliers, the store's writer and its helpers. They run at {@link Thread#MAX_PRIORITY}
 * so that, on cores the request threads keep busy, the one serial path a span waits on gets a core
 * first: ingest → visible is its wall time, and admission paces clients by it.
 *
 * <p>On Linux a Java priority reaches the scheduler only with {@code -XX:ThreadPriorityPolicy=1},
 * where {@code MAX_PRIORITY} is nice -5, and only for a process allowed to raise priorities (root
 * with {@code CAP_SYS_NICE}, or a {@code RLIMIT_NICE} of 25 or more): {@code ./loupe server} passes
 * the flag when it is. Elsewhere the priority is silently ignored and every thread shares the cores
 * as before. ClickHouse does the same with its threads' nice values when it has {@code
 * CAP_SYS_NICE}.
 */
public final class ApplyThreads {
  private ApplyThreads() {}

  /** A builder of daemon platform threads named {@code name}, at the apply path's priority. */
  public static Thread.Builder.OfPlatform named(String name) {
    return Thread.ofPlatform().name(name).daemon().priority(Thread.MAX_PRIORITY);
  }
}
