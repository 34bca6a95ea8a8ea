package dev.loupe.server.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fuzzer's totals and its failures, each named by case id and kind so that the seed reproduces
 * it. Thread-safe. {@link #text} is the block printed to the CI log and written under {@code
 * target/}.
 */
final class Report {
  static final int EXAMPLES_PER_FAILURE = 4;

  volatile double setupSeconds;
  volatile double readSeconds;
  final AtomicLong bodies = new AtomicLong();
  final AtomicLong closedWithoutAnswer = new AtomicLong();
  final AtomicLong hung = new AtomicLong();
  final AtomicLong perEvent5xx = new AtomicLong();
  final AtomicLong goodBodies = new AtomicLong();
  final AtomicLong goodItems = new AtomicLong();
  final AtomicLong goodRefused = new AtomicLong();
  final AtomicLong goodMissing = new AtomicLong();
  final AtomicLong goodUnreadable = new AtomicLong();
  final AtomicLong reads = new AtomicLong();
  final AtomicLong other5xx = new AtomicLong();
  final AtomicLong bystanderRequests = new AtomicLong();
  final AtomicLong bystanderAcknowledged = new AtomicLong();
  final AtomicLong bystanderBackpressure = new AtomicLong();
  final AtomicLong bystanderReads = new AtomicLong();
  final AtomicLong bystanderReadsOk = new AtomicLong();
  final AtomicLong bystanderItems = new AtomicLong();
  final AtomicLong bystanderItemsLost = new AtomicLong();
  private final Map<Integer, Long> statuses = new TreeMap<>();
  private final Map<String, Long> failureCounts = new TreeMap<>();
  private final Map<String, List<String>> examples = new TreeMap<>();
  private final Map<String, Map<String, Long>> reasons = new TreeMap<>();
  private final StringBuilder log = new StringBuilder();

  /** One line per case: id, time to answer, status, framing, size, kind. */
  synchronized void log(String line) {
    log.append(line).append('\n');
  }

  synchronized String log() {
    return log.toString();
  }

  synchronized void status(int status) {
    statuses.merge(status, 1L, Long::sum);
  }

  /**
   * A broken invariant: counted under {@code what}, grouped by the answer's message with values
   * blanked out, and the first few listed with their case.
   */
  synchronized void fail(String what, String caseId, String kind, String detail) {
    failureCounts.merge(what, 1L, Long::sum);
    reasons.computeIfAbsent(what, k -> new TreeMap<>()).merge(reason(detail), 1L, Long::sum);
    List<String> listed = examples.computeIfAbsent(what, k -> new ArrayList<>());
    if (listed.size() < EXAMPLES_PER_FAILURE) listed.add(caseId + " | " + kind + " | " + detail);
  }

  /**
   * The first example of each broken invariant, for the assertion's message (CI shows its tail).
   */
  synchronized String firstExamples() {
    StringBuilder b = new StringBuilder();
    examples.forEach(
        (what, listed) ->
            b.append(what).append(": ").append(Readback.abbreviate(listed.get(0))).append("; "));
    return b.toString();
  }

  /** The server's message without the values in it, so that alike failures group together. */
  static String reason(String detail) {
    int at = detail.indexOf("\"message\":\"");
    String m = at < 0 ? detail : detail.substring(at + 11);
    m =
        m.replaceAll("[0-9a-f]{16,}", "ID")
            .replaceAll("\\\\\"[^\\\\]*\\\\\"", "'…'")
            .replaceAll("\\(line \\d+, column \\d+\\)", "")
            .replaceAll("-?\\d[\\d.E+-]*", "N")
            .replaceAll("\"}$", "");
    return m.length() <= 110 ? m : m.substring(0, 110) + "…";
  }

  synchronized long failures() {
    return failureCounts.values().stream().mapToLong(Long::longValue).sum();
  }

  synchronized long count(int fromStatus, int toStatus) {
    return statuses.entrySet().stream()
        .filter(e -> e.getKey() >= fromStatus && e.getKey() < toStatus)
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  long goodLost() {
    return goodRefused.get() + goodMissing.get() + goodUnreadable.get();
  }

  synchronized String text(
      long seed, long seconds, String heap, long maxRssMiB, long rssBoundMiB, String rerun) {
    StringBuilder b = new StringBuilder();
    b.append("==== Loupe fuzzer: seed ")
        .append(seed)
        .append(", ")
        .append(seconds)
        .append(" s, heap ");
    b.append(heap).append(" ====\n");
    b.append("bodies sent        ").append(bodies.get());
    b.append(String.format(" (set-up %.1f s, read-back %.1f s)%n", setupSeconds, readSeconds));
    b.append("answers            2xx ").append(count(200, 300));
    b.append(" | 4xx ").append(count(400, 500)).append(' ').append(by(400, 500));
    b.append(" | 5xx ").append(count(500, 600)).append(' ').append(by(500, 600)).append('\n');
    b.append("                   closed without answer ").append(closedWithoutAnswer.get());
    b.append(" | hung ").append(hung.get()).append('\n');
    b.append("5xx = ").append(count(500, 600) + perEvent5xx.get() + other5xx.get());
    b.append("  (answers ").append(count(500, 600)).append(", per-event in 207 ");
    b.append(perEvent5xx.get())
        .append(", reads and bystander ")
        .append(other5xx.get())
        .append(")\n");
    b.append("hung = ").append(hung.get()).append('\n');
    b.append("good items lost = ").append(goodLost());
    b.append("  (of ").append(goodItems.get()).append(" in ").append(goodBodies.get());
    b.append(" bodies: refused with their body ").append(goodRefused.get());
    b.append(", missing ").append(goodMissing.get()).append(", unreadable ");
    b.append(goodUnreadable.get()).append("; ").append(reads.get()).append(" reads)\n");
    b.append("bystander          requests ").append(bystanderRequests.get());
    b.append(", acknowledged ").append(bystanderAcknowledged.get());
    b.append(" (after ").append(bystanderBackpressure.get()).append(" Retry-After waits)");
    b.append(" | reads ").append(bystanderReads.get()).append(", ok ");
    b.append(bystanderReadsOk.get()).append(" | items ").append(bystanderItems.get());
    b.append(", lost ").append(bystanderItemsLost.get()).append('\n');
    b.append("max RSS            ").append(maxRssMiB).append(" MiB (bound ").append(rssBoundMiB);
    b.append(" MiB)\n");
    b.append("failures           ").append(failures()).append(' ').append(failureCounts);
    b.append('\n');
    reasons.forEach(
        (what, byReason) -> {
          b.append("  ").append(what).append(":\n");
          byReason.entrySet().stream()
              .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
              .forEach(
                  e ->
                      b.append("    ")
                          .append(e.getValue())
                          .append(" x ")
                          .append(e.getKey())
                          .append('\n'));
          for (String example : examples.get(what))
            b.append("    e.g. ").append(example).append('\n');
        });
    if (failures() > 0) b.append("reproduce: ").append(rerun).append('\n');
    b.append("====\n");
    return b.toString();
  }

  private String by(int from, int to) {
    StringBuilder b = new StringBuilder("(");
    statuses.forEach(
        (s, n) -> {
          if (s >= from && s < to)
            b.append(b.length() > 1 ? ", " : "").append(s).append(": ").append(n);
        });
    return b.append(')').toString();
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
