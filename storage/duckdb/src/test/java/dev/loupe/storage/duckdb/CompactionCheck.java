package dev.loupe.storage.duckdb;

import dev.loupe.storage.WriteBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A by-hand check of payload-log compaction, not a test: writes {@link ApplyCheck}'s traffic in
 * apply batches through a {@link GroupWriter} with the default segment size (then, with {@code
 * rewrite=n}, every n-th apply batch again: its rows are replaced, as updates of earlier spans
 * replace them), reports each closed segment's live share, then times compaction steps (the least
 * live segment first, forced with a share of 1 when none qualifies): how long the writer pauses per
 * MiB copied.
 *
 * <pre>
 * java -cp ... dev.loupe.storage.duckdb.CompactionCheck [spans=600000] [workload=spread|whole]
 *     [applySpans=20000] [steps=2] [rewrite=0]
 * </pre>
 */
public final class CompactionCheck {
  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new java.util.HashMap<>();
    for (String a : args) opt.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
    int spans = Integer.parseInt(opt.getOrDefault("spans", "600000"));
    String workload = opt.getOrDefault("workload", "spread");
    int applySpans = Integer.parseInt(opt.getOrDefault("applySpans", "20000"));
    int steps = Integer.parseInt(opt.getOrDefault("steps", "2"));
    int rewrite = Integer.parseInt(opt.getOrDefault("rewrite", "0"));
    Path dir = Files.createTempDirectory("loupe-compaction");
    List<WriteBatch> applies =
        ApplyCheck.applyBatches(ApplyCheck.requests(workload, spans), applySpans);
    System.out.printf(
        "compaction check: %s workload, %,d spans; load average %s%n",
        workload, spans, ApplyCheck.loadAverage());
    try (var connection = Database.open(dir.resolve("loupe.duckdb"))) {
      Schema.apply(connection);
      Session session = new Session(connection);
      try (PayloadLog payloads = PayloadLog.open(dir.resolve("payloads"))) {
        GroupWriter writer = new GroupWriter(session, payloads, new ObservationDays(), 0);
        for (WriteBatch b : applies) writer.write(List.of(GroupWriter.Write.of(b)));
        for (int i = 0; rewrite > 0 && i < applies.size(); i += rewrite)
          writer.write(List.of(GroupWriter.Write.of(updated(applies.get(i)))));
        PayloadCompaction compaction = new PayloadCompaction(session, payloads);
        Map<Integer, Long> live = compaction.liveBytes();
        payloads
            .closedSegments()
            .forEach(
                (segment, size) ->
                    System.out.printf(
                        "segment %d: %,d bytes, %.1f%% live%n",
                        segment, size, 100.0 * live.getOrDefault(segment, 0L) / size));
        for (int i = 0; i < steps; i++) {
          long t0 = System.nanoTime();
          PayloadCompaction.Step s = compaction.step(0.5);
          String forced = "";
          if (s.segment() == 0) {
            s = compaction.step(1.0);
            forced = " (forced)";
          }
          double ms = (System.nanoTime() - t0) / 1e6;
          System.out.printf(
              "step%s: segment %d, %,d live records, %,d bytes copied in %.0f ms (%.0f MiB/s)%n",
              forced,
              s.segment(),
              s.copiedRecords(),
              s.copiedBytes(),
              ms,
              s.copiedBytes() / 1048576.0 / (ms / 1000));
        }
      }
      session.close();
    }
    System.out.printf("load average at end %s%n", ApplyCheck.loadAverage());
  }

  /** The batch's observations with a changed output, as a later update event gives. */
  private static WriteBatch updated(WriteBatch b) {
    return WriteBatch.of(
        List.of(),
        b.observations().stream().map(o -> o.toBuilder().output("\"updated\"").build()).toList());
  }
}
