package dev.loupe.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.loupe.ingest.IngestResult;
import dev.loupe.ingest.OtlpIngest;
import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.pipeline.log.RecordCodec;
import dev.loupe.pricing.PriceTable;
import dev.loupe.pricing.Pricer;
import dev.loupe.storage.ObservationConsumer;
import dev.loupe.storage.WriteBatch;
import dev.loupe.storage.duckdb.DuckDbStats;
import dev.loupe.storage.duckdb.DuckDbStorage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What each step of ingest costs per span, in CPU time, on the ingest bench's payloads: one thread
 * decodes and normalizes a request, prices it, encodes the log record, decodes it back, and the
 * store writes groups of records as the applier does. CPU time, not wall time, so the figures hold
 * when other work shares the cores; together they say what the 2 cores can reach at best.
 *
 * <pre>
 * ./loupe bench stages [--requests 300] [--batch 512] [--group 8] [--rounds 3]
 * </pre>
 *
 * <p>Each round ingests fresh traces (never updates). The store's cost is the whole process's CPU
 * time during the writes (the writer thread, DuckDB's own threads, the collector), so it is the
 * only figure that other threads of this process could inflate; nothing else runs meanwhile.
 */
final class StageCosts {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private StageCosts() {}

  static void run(Map<String, String> opt) throws Exception {
    int requests = Integer.parseInt(opt.getOrDefault("requests", "300"));
    int batch = Integer.parseInt(opt.getOrDefault("batch", "512"));
    int group = Integer.parseInt(opt.getOrDefault("group", "8"));
    int rounds = Integer.parseInt(opt.getOrDefault("rounds", "3"));
    AgentTraceGenerator gen = new AgentTraceGenerator(7);
    OtlpIngest ingest = new OtlpIngest();
    Pricer pricer = new Pricer(PriceTable.bundled());
    System.out.printf(
        "loupe ingest stages: %d requests of %d spans a round, store groups of %d requests, %d"
            + " rounds (the first warms up)%n",
        requests, batch, group, rounds);
    try (DuckDbStorage storage = DuckDbStorage.open(Dirs.temporary("loupe-stages"))) {
      ObservationConsumer store = storage.observationConsumer();
      for (int round = 0; round < rounds; round++) {
        List<byte[]> bodies = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++)
          bodies.add(
              gen.request(batch, System.currentTimeMillis() * 1_000_000L, new ArrayList<>()));
        long decode = 0, price = 0, encode = 0, read = 0, stored = 0, spans = 0, bytes = 0;
        List<WriteBatch> pending = new ArrayList<>(group);
        var stagesBefore = storage.stats().writerStageNanos();
        for (byte[] body : bodies) {
          long t0 = cpu();
          IngestResult r = ingest.ingest("bench", body, "application/x-protobuf", null);
          long t1 = cpu();
          List<Observation> priced = new ArrayList<>(r.observations().size());
          for (Observation o : r.observations()) priced.add(pricer.price(o, List.of()));
          WriteBatch rows = WriteBatch.of(r.traces(), priced);
          long t2 = cpu();
          byte[] record = RecordCodec.encode(rows);
          long t3 = cpu();
          pending.add(RecordCodec.decode(record, 0, record.length));
          long t4 = cpu();
          if (pending.size() == group) {
            long p0 = OS.getProcessCpuTime();
            store.accept(concat(pending));
            stored += OS.getProcessCpuTime() - p0;
            pending.clear();
          }
          decode += t1 - t0;
          price += t2 - t1;
          encode += t3 - t2;
          read += t4 - t3;
          spans += r.observations().size();
          bytes += record.length;
        }
        if (!pending.isEmpty()) {
          long p0 = OS.getProcessCpuTime();
          store.accept(concat(pending));
          stored += OS.getProcessCpuTime() - p0;
        }
        double n = spans * 1e3; // nanoseconds to µs per span
        double total = (decode + price + encode + read + stored) / n;
        System.out.printf(
            "round %d: %,d spans; CPU µs per span: decode + normalize %.1f, price %.1f, log encode"
                + " %.1f, log decode %.1f, store %.1f (process); total %.1f = at most %,.0f"
                + " spans/s per core; log record %d bytes per span%n",
            round,
            spans,
            decode / n,
            price / n,
            encode / n,
            read / n,
            stored / n,
            total,
            1e6 / total,
            bytes / spans);
        System.out.println(
            "  store, writer thread CPU µs per span: " + byStage(storage, stagesBefore, n));
      }
    }
  }

  /** The writer's own CPU per span in each of its stages during the round. */
  private static String byStage(
      DuckDbStorage storage, Map<String, DuckDbStats.StageTime> before, double n) {
    StringBuilder sb = new StringBuilder();
    storage
        .stats()
        .writerStageNanos()
        .forEach(
            (stage, t) ->
                sb.append(sb.isEmpty() ? "" : ", ")
                    .append(stage)
                    .append(' ')
                    .append(
                        String.format(
                            java.util.Locale.ROOT,
                            "%.1f",
                            (t.cpuNanos() - before.get(stage).cpuNanos()) / n)));
    return sb.toString();
  }

  private static long cpu() {
    return THREADS.getCurrentThreadCpuTime();
  }

  private static WriteBatch concat(List<WriteBatch> batches) {
    List<Trace> traces = new ArrayList<>();
    List<Observation> observations = new ArrayList<>();
    for (WriteBatch b : batches) {
      traces.addAll(b.traces());
      observations.addAll(b.observations());
    }
    return WriteBatch.of(traces, observations);
  }
}
