package dev.loupe.pipeline.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.ingest.IngestResult;
import dev.loupe.pipeline.IngestState;
import dev.loupe.pipeline.Ingestion;
import dev.loupe.pipeline.PipelineMetrics;
import dev.loupe.pricing.PriceTable;
import dev.loupe.pricing.Pricer;
import dev.loupe.storage.InMemoryStorage;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.WriteBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under the ingest log, as the ingestion step meets it: the write is refused as over
 * capacity (503 with Retry-After) and reported, what was acknowledged before is stored, and ingest
 * works again once there is room.
 */
class FullDiskIngestionTest {
  @TempDir Path dir;

  @Test
  void fullDisk_refusesTheWriteKeepsEarlierOnesAndRecoversWhenRoomReturns() {
    AtomicLong used = new AtomicLong(), room = new AtomicLong(Long.MAX_VALUE);
    AtomicInteger full = new AtomicInteger();
    PipelineMetrics metrics =
        new PipelineMetrics() {
          @Override
          public void refused(Refusal reason, int traces, int observations) {
            if (reason == Refusal.LOG_FULL) full.incrementAndGet();
          }
        };
    InMemoryStorage storage = new InMemoryStorage();
    try (SegmentLog log =
            SegmentLog.open(dir, 0, SegmentLog.ROLL_BYTES, FullDiskChannel.opener(used, room));
        Ingestion ingestion =
            Ingestion.start(
                storage,
                log,
                new Pricer(PriceTable.bundled()),
                p -> List.of(),
                Ingestion.Options.defaults(),
                metrics)) {
      ingestion.store(request(1));
      room.set(used.get());

      assertThatThrownBy(() -> ingestion.store(request(2)))
          .isInstanceOf(LogFullException.class)
          .satisfies(e -> assertThat(((StorageException) e).overCapacity()).isTrue());
      assertThat(full.get()).isEqualTo(1);
      IngestState state = ingestion.state();
      assertThat(state.log().error()).contains("no space left on device");

      room.set(Long.MAX_VALUE);
      ingestion.store(request(3));
      assertThat(ingestion.awaitApplied(Duration.ofSeconds(20))).isTrue();
      assertThat(storage.traceStore().getTrace("p1", "t1")).isPresent();
      assertThat(storage.traceStore().getTrace("p1", "t2")).isEmpty();
      assertThat(storage.traceStore().getTrace("p1", "t3")).isPresent();
      assertThat(ingestion.state().log().error()).isNull();
    }
  }

  private static IngestResult request(int n) {
    WriteBatch b = SegmentLogTest.batch(n);
    return new IngestResult(b.traces(), b.observations(), List.of());
  }
}
