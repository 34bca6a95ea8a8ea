package dev.loupe.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class IngestAdmissionTest {
  final IngestAdmission admission = new IngestAdmission(100, Duration.ofMillis(300));

  @Test
  void admit_withinTheBudgetAtOnce() throws Exception {
    try (var a = admission.admit(60);
        var b = admission.admit(40)) {
      assertThat(a).isNotNull();
      assertThat(b).isNotNull();
    }
  }

  @Test
  void admit_whenFullWaitsBrieflyThenRefuses() throws Exception {
    var a = admission.admit(80);
    try {
      long start = System.nanoTime();
      assertThatThrownBy(() -> admission.admit(30))
          .isInstanceOf(IngestAdmission.Refused.class)
          .hasMessageContaining("retry");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(250));
    } finally {
      a.close();
    }
  }

  @Test
  void admit_aWaiterGetsInWhenAnotherFinishes() throws Exception {
    var a = admission.admit(80);
    CompletableFuture<IngestAdmission.Permit> waiter =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return admission.admit(30);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(50);
    a.close();
    waiter.get().close();
  }

  @Test
  void admit_largerThanTheWholeBudgetOnlyWhenAlone() throws Exception {
    var big = admission.admit(500);
    assertThatThrownBy(() -> admission.admit(1)).isInstanceOf(IngestAdmission.Refused.class);
    big.close();
    var small = admission.admit(1);
    assertThatThrownBy(() -> admission.admit(500)).isInstanceOf(IngestAdmission.Refused.class);
    small.close();
  }

  @Test
  void growTo_chargesMoreAndClosingGivesEverythingBack() throws Exception {
    var a = admission.admit(10);
    a.growTo(90);
    assertThatThrownBy(() -> admission.admit(20)).isInstanceOf(IngestAdmission.Refused.class);
    a.close();
    admission.admit(100).close();
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
