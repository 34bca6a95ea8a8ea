package dev.loupe.pipeline.log;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Appends the codec's primitives to a growing byte array: unsigned and zigzag varints, strings as
 * {@code varint(length + 1)} then UTF-8 (0 for null), decimals as scale and unscaled bytes.
 */
final class RecordWriter {
  private byte[] buf;
  private int size;

  RecordWriter(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  byte[] toByteArray() {
    return size == buf.length ? buf : Arrays.copyOf(buf, size);
  }

  void writeByte(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  void writeBoolean(boolean b) {
    writeByte(b ? 1 : 0);
  }

  /** An unsigned varint (7 bits a byte, low first). */
  void writeVarLong(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  /** A signed value, zigzag-encoded so small negatives stay short. */
  void writeSignedVarLong(long v) {
    writeVarLong((v << 1) ^ (v >> 63));
  }

  void writeString(@Nullable String s) {
    if (s == null) {
      writeVarLong(0);
      return;
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    writeVarLong(utf8.length + 1L);
    writeBytes(utf8);
  }

  void writeInstant(Instant t) {
    writeSignedVarLong(t.getEpochSecond());
    writeVarLong(t.getNano());
  }

  void writeNullableInstant(@Nullable Instant t) {
    writeBoolean(t != null);
    if (t != null) writeInstant(t);
  }

  /** Scale and unscaled value: exact, the scale included ({@code 0.10} stays {@code 0.10}). */
  void writeDecimal(BigDecimal d) {
    writeSignedVarLong(d.scale());
    byte[] unscaled = d.unscaledValue().toByteArray();
    writeVarLong(unscaled.length);
    writeBytes(unscaled);
  }

  private void writeBytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
  }

  private void ensure(int more) {
    if (size + more <= buf.length) return;
    long grown = Math.max((long) buf.length * 2, (long) size + more);
    if (grown > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("record too large");
    buf = Arrays.copyOf(buf, (int) grown);
  }
}
