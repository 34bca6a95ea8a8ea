package dev.loupe.pipeline.log;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Appends the codec's primitives to a growing byte array: unsigned and zigzag varints, strings (see
 * {@link #writeString}), decimals as scale and unscaled bytes.
 */
final class RecordWriter {
  /**
   * Strings of at most this many characters go into the record's table when first written, and are
   * written again as a reference to it: project ids, environments, model names, mapping notes,
   * usage types, trace ids are the same in most rows of a record.
   */
  static final int SHARED_MAX_CHARS = 64;

  /** At most this many strings in a record's table; after that, short strings are written whole. */
  static final int SHARED_MAX_COUNT = 1 << 16;

  private byte[] buf;
  private int size;
  private final Map<String, Integer> shared = new HashMap<>();

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

  /**
   * A string as one varint {@code v}, then its UTF-8 when written whole: {@code v = 0} is null, an
   * odd {@code v} is {@code 2 × length + 1} followed by that many bytes, an even {@code v} is
   * {@code 2 × (i + 1)} for the {@code i}-th string of the record's table. A string of at most
   * {@link #SHARED_MAX_CHARS} characters enters the table when it is first written whole (the
   * reader adds it on the same condition, so both tables agree).
   */
  void writeString(@Nullable String s) {
    if (s == null) {
      writeVarLong(0);
      return;
    }
    if (s.length() <= SHARED_MAX_CHARS) {
      Integer index = shared.get(s);
      if (index != null) {
        writeVarLong((index + 1L) << 1);
        return;
      }
      if (shared.size() < SHARED_MAX_COUNT) shared.put(s, shared.size());
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    writeVarLong(((long) utf8.length << 1) | 1);
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
