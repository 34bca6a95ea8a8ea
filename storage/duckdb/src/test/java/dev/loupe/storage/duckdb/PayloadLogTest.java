package dev.loupe.storage.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadLogTest {
  @TempDir Path dir;

  @Test
  void append_recordsReadBackByTheirRefsAfterSync() throws IOException {
    try (PayloadLog log = PayloadLog.open(dir)) {
      PayloadRef a = log.append(bytes("first"));
      PayloadRef b = log.append(bytes("second, longer ☃"));
      PayloadRef empty = log.append(new byte[0]);
      log.sync();
      assertThat(text(log.read(a))).isEqualTo("first");
      assertThat(text(log.read(b))).isEqualTo("second, longer ☃");
      assertThat(log.read(empty)).isEmpty();
      assertThat(b.offset()).isEqualTo(SegmentFile.HEADER + 5);
    }
    assertThat(dir.resolve("000001.log")).isRegularFile();
  }

  @Test
  void append_rollsToANewSegmentPastTheLimitAndReadsAcrossSegments() throws IOException {
    List<PayloadRef> refs = new ArrayList<>();
    try (PayloadLog log = PayloadLog.open(dir, 100)) {
      for (int i = 0; i < 10; i++) refs.add(log.append(bytes("record-" + i + "-".repeat(30))));
      log.sync();
      for (int i = 0; i < 10; i++)
        assertThat(text(log.read(refs.get(i)))).startsWith("record-" + i + "-");
    }
    assertThat(refs.getLast().segment()).isGreaterThan(3);
    assertThat(Files.size(dir.resolve("000001.log"))).isLessThanOrEqualTo(100);
    assertThat(dir.resolve(PayloadLog.name(refs.getLast().segment()))).isRegularFile();
  }

  @Test
  void append_aSegmentThatCannotBeOpenedFailsThatAppendOnly_theCurrentOneGoesOn()
      throws IOException {
    try (PayloadLog log = PayloadLog.open(dir, 100)) {
      Path blocked = Files.createDirectory(dir.resolve(PayloadLog.name(2))); // not a file
      PayloadRef first = log.append(bytes("first-" + "-".repeat(60)));
      assertThatThrownBy(() -> log.append(bytes("second-" + "-".repeat(60))))
          .isInstanceOf(IOException.class);
      log.sync(); // the current segment is still open: nothing of it was closed as rolled
      Files.delete(blocked);
      PayloadRef third = log.append(bytes("third-" + "-".repeat(60)));
      log.sync();
      assertThat(third.segment()).isEqualTo(first.segment() + 1);
      assertThat(text(log.read(first))).startsWith("first-");
      assertThat(text(log.read(third))).startsWith("third-");
    }
  }

  @Test
  void append_aRecordLargerThanTheWriteBufferAndTheRollLimitStandsAlone() throws IOException {
    byte[] big = bytes("x".repeat(3 << 20));
    try (PayloadLog log = PayloadLog.open(dir, 1 << 20)) {
      PayloadRef small = log.append(bytes("small"));
      PayloadRef ref = log.append(big);
      log.sync();
      assertThat(ref.segment()).isEqualTo(small.segment() + 1);
      assertThat(log.read(ref)).isEqualTo(big);
    }
  }

  @Test
  void reopen_continuesAfterTheLastRecordAndKeepsEarlierOnes() throws IOException {
    PayloadRef a, b;
    try (PayloadLog log = PayloadLog.open(dir, 64)) {
      a = log.append(bytes("a".repeat(40)));
      log.sync();
    }
    try (PayloadLog log = PayloadLog.open(dir, 64)) {
      b = log.append(bytes("b".repeat(40)));
      log.sync();
      assertThat(text(log.read(a))).isEqualTo("a".repeat(40));
      assertThat(text(log.read(b))).isEqualTo("b".repeat(40));
    }
    assertThat(b.segment()).isEqualTo(a.segment() + 1);
  }

  @Test
  void startSync_forcesOnTheSyncThreadWhileTheWriterGoesOnAppending() throws IOException {
    List<PayloadRef> refs = new ArrayList<>();
    try (PayloadLog log = PayloadLog.open(dir, 200)) {
      for (int round = 0; round < 5; round++) {
        for (int i = 0; i < 3; i++)
          refs.add(log.append(bytes("round-" + round + "-" + "z".repeat(50))));
        log.startSync();
        log.awaitSync();
      }
      for (int i = 0; i < refs.size(); i++)
        assertThat(text(log.read(refs.get(i)))).startsWith("round-" + i / 3);
    }
    try (PayloadLog log = PayloadLog.open(dir, 200)) {
      assertThat(text(log.read(refs.getLast()))).startsWith("round-4-");
      assertThat(text(log.read(refs.getFirst()))).startsWith("round-0-");
    }
  }

  @Test
  void reopen_cutsATornTailAndAppendsInItsPlace() throws IOException {
    PayloadRef kept;
    try (PayloadLog log = PayloadLog.open(dir)) {
      kept = log.append(bytes("kept"));
      log.append(bytes("torn record"));
      log.sync();
    }
    Path segment = dir.resolve("000001.log");
    long whole = SegmentFile.HEADER + 4;
    try (FileChannel c = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      c.truncate(whole + SegmentFile.HEADER + 3);
    }
    try (PayloadLog log = PayloadLog.open(dir)) {
      assertThat(Files.size(segment)).isEqualTo(whole);
      PayloadRef next = log.append(bytes("next"));
      log.sync();
      assertThat(next.offset()).isEqualTo(whole);
      assertThat(text(log.read(kept))).isEqualTo("kept");
      assertThat(text(log.read(next))).isEqualTo("next");
    }
  }

  @Test
  void reopen_cutsATailWhoseChecksumDoesNotMatch() throws IOException {
    try (PayloadLog log = PayloadLog.open(dir)) {
      log.append(bytes("good"));
      log.append(bytes("flipped"));
      log.sync();
    }
    Path segment = dir.resolve("000001.log");
    flipLastByte(segment);
    try (PayloadLog reopened = PayloadLog.open(dir)) {
      assertThat(reopened).isNotNull();
      assertThat(Files.size(segment)).isEqualTo(SegmentFile.HEADER + 4);
    }
  }

  @Test
  void read_aCorruptRecordFailsNamingTheRecord() throws IOException {
    try (PayloadLog log = PayloadLog.open(dir)) {
      PayloadRef ref = log.append(bytes("will be damaged"));
      log.sync();
      flipLastByte(dir.resolve("000001.log"));
      assertThatThrownBy(() -> log.read(ref))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("segment=1")
          .hasMessageContaining("checksum");
      PayloadRef wrongLength = new PayloadRef(ref.segment(), ref.offset(), ref.length() - 1);
      assertThatThrownBy(() -> log.read(wrongLength)).hasMessageContaining("length");
    }
  }

  @Test
  void ref_positionPacksSegmentAndOffset() {
    PayloadRef ref = new PayloadRef(7, 0xFFFF_FFF0L, 12);
    assertThat(PayloadRef.of(ref.position(), 12)).isEqualTo(ref);
    assertThatThrownBy(() -> new PayloadRef(1, 1L << 32, 1)).hasMessageContaining("offset");
  }

  @Test
  void codec_roundTripsNullsEmptyAndUnicodeFields() {
    PayloadCodec codec = new PayloadCodec().add(null).add("").add("héllo ☃ 𝄞").add(null);
    byte[] body = Arrays.copyOf(codec.buffer(), codec.size());
    assertThat(PayloadCodec.decode(body)).containsExactly(null, "", "héllo ☃ 𝄞", null);
    assertThat(codec.clear().size()).isZero();
    assertThatThrownBy(() -> PayloadCodec.decode(Arrays.copyOf(body, body.length - 5)))
        .hasMessageContaining("field 2 overruns");
    assertThatThrownBy(() -> PayloadCodec.decode(Arrays.copyOf(body, 2)))
        .hasMessageContaining("inside field 0");
  }

  @Test
  void codec_growsItsBufferForALargeField() {
    String big = "y".repeat(100_000);
    PayloadCodec codec = new PayloadCodec().add("a").add(big);
    assertThat(PayloadCodec.decode(Arrays.copyOf(codec.buffer(), codec.size())))
        .containsExactly("a", big);
  }

  /** Flips the last byte of the last record (a segment still open ends with a block's padding). */
  static void flipLastByte(Path file) throws IOException {
    try (FileChannel c =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long last = SegmentFile.validEnd(c) - 1;
      ByteBuffer b = ByteBuffer.allocate(1);
      c.read(b, last);
      b.put(0, (byte) (b.get(0) ^ 0x5A));
      c.write(b.rewind(), last);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
