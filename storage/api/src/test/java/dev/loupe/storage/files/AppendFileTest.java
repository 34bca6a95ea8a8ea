package dev.loupe.storage.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Appends of every size, through direct writes and through the page cache, read back byte for byte:
 * across buffer and block boundaries, after a crash-like stop (forced, not closed), and after a cut
 * back to the middle of a block.
 */
class AppendFileTest {
  private static final int BLOCK = AppendFile.MIN_BLOCK;
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void appends_ofEverySize_readBackExactly_andCloseLeavesNoZerosAfterTheEnd(boolean direct)
      throws IOException {
    Path file = dir.resolve("a.log");
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    Random random = new Random(7);
    try (AppendFile f = open(file, direct)) {
      assertThat(f.direct()).isEqualTo(direct);
      for (int i = 0; i < 300; i++) {
        byte[] b = bytes(random, random.nextInt(i % 50 == 0 ? 40_000 : 700) + 1);
        f.appendInt(b.length);
        f.append(b, 0, b.length);
        expected.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(b.length).array());
        expected.writeBytes(b);
        if (i % 7 == 0) f.flush();
        if (i % 31 == 0) f.force();
        assertThat(f.size()).isEqualTo(expected.size());
      }
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void afterACrash_theFileEndsWithLessThanABlockOfPadding_andAppendsContinueAtTheEnd(boolean direct)
      throws IOException {
    Path file = dir.resolve("b.log");
    Random random = new Random(11);
    byte[] first = bytes(random, 5_000), second = bytes(random, 3_333);
    AppendFile crashed = open(file, direct);
    crashed.append(first, 0, first.length);
    crashed.force(); // durable, then the process dies: no close
    long onDisk = Files.size(file);
    assertThat(onDisk - first.length).isNotNegative().isLessThan(direct ? BLOCK : 1);
    try (FileChannel reader = FileChannel.open(file)) {
      assertThat(AppendFile.onlyPadding(reader, first.length)).isTrue();
      assertThat(AppendFile.onlyPadding(reader, first.length - 10)).isFalse();
    }

    try (AppendFile reopened = open(file, direct)) {
      reopened.cutTo(first.length); // what the log's scan found to be its end
      reopened.append(second, 0, second.length);
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(concat(first, second));
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void cutTo_theMiddleOfABlock_dropsWrittenAndBufferedBytes_andTheNextAppendFollows(boolean direct)
      throws IOException {
    Path file = dir.resolve("c.log");
    Random random = new Random(13);
    byte[] kept = bytes(random, BLOCK + 100), dropped = bytes(random, 9_000);
    byte[] next = bytes(random, 50);
    try (AppendFile f = open(file, direct)) {
      f.append(kept, 0, kept.length);
      f.force();
      f.append(dropped, 0, 6_000);
      f.flush(); // written, a failed force would follow
      f.append(dropped, 6_000, 3_000); // still buffered
      f.cutTo(kept.length);
      assertThat(f.size()).isEqualTo(kept.length);
      f.append(next, 0, next.length);
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(concat(kept, next));
  }

  private AppendFile open(Path file, boolean direct) throws IOException {
    if (!direct) {
      FileChannel c = AppendFile.openBuffered(file);
      return AppendFile.wrap(c, false, BLOCK, 3 * BLOCK, c.size());
    }
    FileChannel c = AppendFile.openDirect(file);
    assumeThat(c).as("O_DIRECT on this file system").isNotNull();
    // a small buffer, so appends cross it often
    return AppendFile.wrap(c, true, AppendFile.blockSize(file), 3 * BLOCK, c.size());
  }

  private static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    for (int i = 0; i < n; i += 97) b[i] = AppendFile.PADDING; // inside records it is data
    return b;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
