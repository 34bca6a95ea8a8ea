package dev.loupe.bench;

import dev.loupe.storage.ObservationConsumer;
import dev.loupe.storage.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a generated data set straight into a storage's consumer: {@code writers} threads each take
 * the next block of traces, build it and hand it to the consumer, whose group commit joins what
 * arrives together. While one thread waits for its commit the other builds its next block.
 */
final class BulkLoader {
  /** Traces per write batch: with their observations, 8,192 rows. */
  static final int TRACES_PER_BATCH = 8_192 / AnalyticsTraceGenerator.ROWS_PER_TRACE;

  record Result(long rows, double seconds) {
    double rowsPerSecond() {
      return rows / seconds;
    }
  }

  private BulkLoader() {}

  static Result load(AnalyticsDataset dataset, ObservationConsumer consumer, int writers)
      throws Exception {
    AnalyticsTraceGenerator generator = new AnalyticsTraceGenerator(dataset);
    long traces = dataset.traces();
    long totalRows =
        traces * AnalyticsTraceGenerator.ROWS_PER_TRACE
            - (traces * AnalyticsDataset.GENERATIONS_PER_TRACE - dataset.generations());
    long blocks = (traces + TRACES_PER_BATCH - 1) / TRACES_PER_BATCH;
    AtomicLong nextBlock = new AtomicLong();
    AtomicLong rows = new AtomicLong();
    long t0 = System.nanoTime();
    try (Progress progress = new Progress("generate", totalRows);
        ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        futures.add(
            pool.submit(
                () -> {
                  for (long b = nextBlock.getAndIncrement();
                      b < blocks;
                      b = nextBlock.getAndIncrement()) {
                    long first = b * TRACES_PER_BATCH;
                    int count = (int) Math.min(TRACES_PER_BATCH, traces - first);
                    WriteBatch batch = generator.block(first, count);
                    try {
                      consumer.accept(batch);
                    } catch (RuntimeException e) {
                      nextBlock.set(blocks); // the other writers stop too
                      throw e;
                    }
                    rows.addAndGet(batch.size());
                    progress.add(batch.size());
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) f.get();
    }
    return new Result(rows.get(), (System.nanoTime() - t0) / 1e9);
  }
}
