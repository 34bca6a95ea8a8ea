package dev.loupe.bench;

import dev.loupe.ingest.IngestResult;
import dev.loupe.ingest.OtlpIngest;
import dev.loupe.storage.WriteBatch;
import dev.loupe.storage.duckdb.DuckDbStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The same payloads, same concurrency, no HTTP: decode + normalize ({@link OtlpIngest}) and a
 * durable append to DuckDB. What the server could reach if HTTP cost nothing.
 */
final class InProcessLimit {
  record Result(long spans, double seconds) {
    double spansPerSecond() {
      return spans / seconds;
    }
  }

  static Result run(Path dataDir, int clients, int batchSpans, Duration duration, long seed)
      throws Exception {
    OtlpIngest ingest = new OtlpIngest();
    AtomicLong spans = new AtomicLong();
    long deadline = System.nanoTime() + duration.toNanos();
    long t0 = System.nanoTime();
    try (DuckDbStorage storage = DuckDbStorage.open(dataDir);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        AgentTraceGenerator gen = new AgentTraceGenerator(seed + c);
        futures.add(
            pool.submit(
                () -> {
                  while (System.nanoTime() < deadline) {
                    byte[] body =
                        gen.request(
                            batchSpans, System.currentTimeMillis() * 1_000_000L, new ArrayList<>());
                    IngestResult r = ingest.ingest("bench", body, "application/x-protobuf", null);
                    storage
                        .observationConsumer()
                        .accept(WriteBatch.of(r.traces(), r.observations()));
                    spans.addAndGet(r.observations().size());
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) f.get();
    }
    return new Result(spans.get(), (System.nanoTime() - t0) / 1e9);
  }
}
