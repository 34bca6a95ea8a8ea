package dev.loupe.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class IngestBudgetTest {
  final IngestBudget budget = new IngestBudget(100, Duration.ofMillis(300));

  @Test
  void reserve_withinTheBudgetAtOnce() throws Exception {
    try (var a = budget.reserve(60);
        var b = budget.reserve(40)) {
      assertThat(a).isNotNull();
      assertThat(b).isNotNull();
    }
  }

  @Test
  void reserve_whenFullWaitsBrieflyThenRefuses() throws Exception {
    var a = budget.reserve(80);
    try {
      long start = System.nanoTime();
      assertThatThrownBy(() -> budget.reserve(30))
          .isInstanceOf(IngestBudget.Exhausted.class)
          .hasMessageContaining("retry");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(250));
    } finally {
      a.close();
    }
  }

  @Test
  void reserve_aWaiterGetsInWhenAnotherFinishes() throws Exception {
    var a = budget.reserve(80);
    CompletableFuture<IngestBudget.Reservation> waiter =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return budget.reserve(30);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(50);
    a.close();
    waiter.get().close();
  }

  @Test
  void reserve_largerThanTheWholeBudgetOnlyWhenAlone() throws Exception {
    var big = budget.reserve(500);
    assertThatThrownBy(() -> budget.reserve(1)).isInstanceOf(IngestBudget.Exhausted.class);
    big.close();
    var small = budget.reserve(1);
    assertThatThrownBy(() -> budget.reserve(500)).isInstanceOf(IngestBudget.Exhausted.class);
    small.close();
  }

  @Test
  void growTo_chargesMoreAndClosingGivesEverythingBack() throws Exception {
    var a = budget.reserve(10);
    a.growTo(90);
    assertThatThrownBy(() -> budget.reserve(20)).isInstanceOf(IngestBudget.Exhausted.class);
    a.close();
    budget.reserve(100).close();
  }

  @Test
  void figures_countWaitsRefusalsAndBytesInFlight() throws Exception {
    var a = budget.reserve(80);
    assertThat(budget.inFlightBytes()).isEqualTo(80);
    assertThat(budget.waits()).isZero();
    assertThatThrownBy(() -> budget.reserve(30)).isInstanceOf(IngestBudget.Exhausted.class);
    CompletableFuture<IngestBudget.Reservation> waiter =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return budget.reserve(30);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(50);
    a.close();
    waiter.get().close();

    assertThat(budget.waits()).isEqualTo(2); // the refused one and the one that got in
    assertThat(budget.refusals()).isEqualTo(1);
    assertThat(Duration.ofNanos(budget.waitedNanos())).isGreaterThan(Duration.ofMillis(250));
    assertThat(budget.inFlightBytes()).isZero();
  }

  @Test
  void inflatedSize_isTheTrailersSizeWhenPossibleElseTheMostAllowed() throws Exception {
    byte[] gzip = gzip(new byte[10_000]);
    assertThat(RequestBody.inflatedSize(gzip, 1 << 20)).isEqualTo(10_000);
    assertThat(RequestBody.inflatedSize(gzip, 5_000)).isEqualTo(5_000);
    byte[] lying = gzip.clone();
    lying[lying.length - 1] = 0x7f; // states ~2 GiB: more than the body can inflate to
    assertThat(RequestBody.inflatedSize(lying, Long.MAX_VALUE))
        .isEqualTo(lying.length * RequestBody.MAX_GZIP_RATIO);
  }

  static byte[] gzip(byte[] plain) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    }
    return out.toByteArray();
  }
}
