package dev.loupe.storage.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.storage.TraceDetail;
import dev.loupe.storage.WriteBatch;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trace read while later write groups rewrite the trace's row and add to its observations: every
 * read finds the trace, with at least the observations written before the read began, each once.
 * The read's queries (the trace's write groups, its row, its observations) see one snapshot; read
 * one after another in autocommit, a rewrite committed between the first and the second left the
 * trace row outside the write groups the first had found, and the read answered "no such trace".
 */
class TraceReadSnapshotTest {
  @TempDir Path dir;

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  @Test
  void getTrace_racingRewritesOfTheSameTrace_alwaysFindsItWhole() throws Exception {
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      storage.observationConsumer().accept(write(0));
      AtomicInteger written = new AtomicInteger(1); // groups committed, each one observation more
      AtomicBoolean stop = new AtomicBoolean();
      Thread writer =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int g = 1; g < 400 && !stop.get(); g++) {
                      storage.observationConsumer().accept(write(g));
                      written.set(g + 1);
                    }
                  });
      int reads = 0;
      try {
        while (writer.isAlive()) {
          int before = written.get();
          Optional<TraceDetail> t = storage.traceStore().getTrace("p", "t");
          reads++;
          assertThat(t).as("read %d, after %d groups", reads, before).isPresent();
          List<String> ids = t.get().observations().stream().map(Observation::id).toList();
          assertThat(ids).as("read %d", reads).doesNotHaveDuplicates();
          assertThat(ids.size())
              .as("read %d, after %d groups", reads, before)
              .isGreaterThanOrEqualTo(before);
          assertThat(t.get().trace().name()).startsWith("agent-");
        }
      } finally {
        stop.set(true);
        writer.join();
      }
      assertThat(reads).isGreaterThan(20);
      assertThat(storage.traceStore().getTrace("p", "t").orElseThrow().observations())
          .hasSize(written.get());
    }
  }

  /** Group {@code g}: the trace row again (a new name, so it is rewritten) and one observation. */
  private static WriteBatch write(int g) {
    return WriteBatch.of(
        List.of(Trace.builder("p", "t", T0).name("agent-" + g).input("question " + g).build()),
        List.of(
            Observation.builder("p", "o" + g, "t", T0.plusMillis(g))
                .type(ObservationType.SPAN)
                .name("step " + g)
                .endTime(T0.plusMillis(g + 1))
                .build()));
  }
}
