package dev.loupe.bench;

import dev.loupe.ingest.IngestResult;
import dev.loupe.ingest.OtlpIngest;
import dev.loupe.storage.ObservationConsumer;
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
 * durable append to DuckDB. What the server could reach if HTTP cost nothing. Measured like the
 * HTTP run: after a warm-up, with the next batch generated while the current one is ingested, and
 * without opening or closing the database on the clock.
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
    try (DuckDbStorage storage = DuckDbStorage.open(dataDir)) {
      ObservationConsumer consumer = storage.observationConsumer();
      Duration warmUp = Duration.ofSeconds(Math.min(5, duration.toSeconds()));
      load(ingest, consumer, clients, batchSpans, warmUp, 99);
      return load(ingest, consumer, clients, batchSpans, duration, seed);
    }
  }

  private static Result load(
      OtlpIngest ingest,
      ObservationConsumer consumer,
      int clients,
      int batchSpans,
      Duration duration,
      long seed)
      throws Exception {
    AtomicLong spans = new AtomicLong();
    long t0 = System.nanoTime();
    long deadline = t0 + duration.toNanos();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        RequestTemplates gen = new RequestTemplates(seed + c, batchSpans);
        futures.add(
            pool.submit(
                () -> {
                  Future<Batch> next =
                      pool.submit(() -> gen.next(System.currentTimeMillis() * 1_000_000L));
                  while (System.nanoTime() < deadline) {
                    Batch batch = next.get();
                    next = pool.submit(() -> gen.next(System.currentTimeMillis() * 1_000_000L));
                    IngestResult r =
                        ingest.ingest("bench", batch.body(), "application/x-protobuf", null);
                    consumer.accept(WriteBatch.of(r.traces(), r.observations()));
                    spans.addAndGet(r.observations().size());
                  }
                  next.cancel(true);
                  return null;
                }));
      }
      for (Future<?> f : futures) f.get();
      return new Result(spans.get(), (System.nanoTime() - t0) / 1e9);
    }
  }
}
