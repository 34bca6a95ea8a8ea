package dev.loupe.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.pipeline.IngestState;
import dev.loupe.pipeline.PipelineMetrics.Refusal;
import dev.loupe.pipeline.log.LogState;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's levels as the scrape shows them, for states a real server reaches only under load
 * or failure (a lagging applier, a full log disk): each gauge reads the state as of this scrape,
 * and one scrape reads it once.
 */
class ServerMetricsTest {
  final ServerMetrics metrics = ServerMetrics.create("test");

  @AfterEach
  void close() {
    metrics.close();
  }

  @Test
  void applyLagAndTheLogsFigures_areTheStateAsOfEachScrape() {
    AtomicReference<IngestState> state = new AtomicReference<>(state(0, 0, null, null));
    AtomicInteger reads = new AtomicInteger();
    metrics.watch(
        () -> {
          reads.incrementAndGet();
          return state.get();
        });
    String idle = metrics.scrape();
    assertThat(value(idle, "loupe_apply_lag_records")).isZero();
    assertThat(value(idle, "loupe_apply_up")).isEqualTo(1);

    state.set(state(7, 2.5, "disk full", "store refused the batch"));
    String lagging = metrics.scrape(); // at once: a scrape never shows an earlier scrape's state

    assertThat(value(lagging, "loupe_apply_lag_records")).isEqualTo(7);
    assertThat(value(lagging, "loupe_apply_lag_seconds")).isEqualTo(2.5);
    assertThat(value(lagging, "loupe_apply_up")).isZero();
    assertThat(value(lagging, "loupe_log_up")).isZero();
    assertThat(value(lagging, "loupe_log_segments")).isEqualTo(3);
    assertThat(value(lagging, "loupe_log_size_bytes")).isEqualTo(3 * 4096);
    assertThat(value(lagging, "loupe_log_compacted_segments_total")).isEqualTo(2);
    assertThat(value(lagging, "loupe_log_corrupt_bytes_total")).isEqualTo(17);
    assertThat(reads).hasValue(2); // one read per scrape, however many meters it feeds
  }

  @Test
  void refusals_countRequestsAndTheirSpansByReason() {
    metrics.pipeline().refused(Refusal.LAGGING, 1, 5);
    metrics.pipeline().refused(Refusal.LAGGING, 0, 3);
    metrics.pipeline().refused(Refusal.LOG_FULL, 2, 4);

    String text = metrics.scrape();

    assertThat(value(text, "loupe_ingest_requests_refused_total{reason=\"lagging\"}")).isEqualTo(2);
    assertThat(value(text, "loupe_ingest_spans_refused_total{reason=\"lagging\"}")).isEqualTo(8);
    assertThat(value(text, "loupe_ingest_requests_refused_total{reason=\"log_full\"}"))
        .isEqualTo(1);
    assertThat(value(text, "loupe_ingest_spans_refused_total{reason=\"log_full\"}")).isEqualTo(4);
    assertThat(value(text, "loupe_ingest_requests_refused_total{reason=\"log_failed\"}")).isZero();
  }

  static IngestState state(long lag, double lagSeconds, String logError, String applyError) {
    long compacted = logError == null ? 0 : 2;
    long corrupt = logError == null ? 0 : 17;
    int segments = logError == null ? 1 : 3;
    return new IngestState(
        100,
        100 - lag,
        lag,
        lagSeconds,
        applyError,
        0,
        new LogState(
            segments, segments * 4096L, 100, 9000, 40, compacted, compacted, corrupt, logError));
  }

  /** The value of the one sample {@code series} (a name, or a name and its labels as printed). */
  static double value(String text, String series) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(series) + "(?:\\{[^}]*\\})? (\\S+)$").matcher(text);
    assertThat(m.find()).as(series + " in\n" + text).isTrue();
    double v = Double.parseDouble(m.group(1));
    assertThat(m.find()).as(series + " twice").isFalse();
    return v;
  }
}
