package dev.loupe.storage.duckdb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of a payload record: a list of nullable strings, each as {@code [int length, or -1 for
 * null][UTF-8 bytes]}. Which field is which is the caller's (see {@link TraceRows}, {@link
 * ObservationRows}). A body may open with a row part, {@code [int -2][int its length][fields]}, the
 * row's other columns ({@link ObservationRows#encodeRecord}), in a denser encoding (varints; a
 * string's length + 1, 0 for null): the payload fields follow it, so {@link #decode} and {@link
 * PayloadMatch} read them wherever they start. An instance encodes into one reused buffer, so it
 * belongs to one thread (the writer's); decoding is static.
 */
final class PayloadCodec {
  /** The first int of a body that opens with a row part: never a field's length. */
  static final int ROW_PART = -2;

  private int rowStart = -1;

  private byte[] buffer = new byte[16 * 1024];
  private int size;

  /** Starts a new body. */
  PayloadCodec clear() {
    size = 0;
    return this;
  }

  PayloadCodec add(@Nullable String field) {
    if (field == null) {
      putInt(-1);
      return this;
    }
    byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
    putInt(bytes.length);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
    return this;
  }

  /** Opens the row part: the fields added until {@link #endRow} are the row's. */
  PayloadCodec beginRow() {
    putInt(ROW_PART);
    putInt(0);
    rowStart = size;
    return this;
  }

  /** Closes the row part: the fields added after it are the payload's. */
  PayloadCodec endRow() {
    putIntAt(rowStart - 4, size - rowStart);
    rowStart = -1;
    return this;
  }

  /** A string of the row part: its UTF-8 length + 1 as a varint (0 for null), then the bytes. */
  PayloadCodec addShort(@Nullable String field) {
    if (field == null) return addVarint(0);
    byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
    addVarint(bytes.length + 1L);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
    return this;
  }

  /** A long of the row part, zigzag varint: 1 byte for -64..63, at most 10. */
  PayloadCodec addLong(long v) {
    return addVarint(v << 1 ^ v >> 63);
  }

  /** A nullable long of the row part: a byte, 0 for null, then the long. */
  PayloadCodec addNullableLong(@Nullable Long v) {
    if (v == null) return addVarint(0);
    addVarint(1);
    return addLong((long) v);
  }

  private PayloadCodec addVarint(long unsigned) {
    ensure(10);
    while ((unsigned & ~0x7FL) != 0) {
      buffer[size++] = (byte) (unsigned & 0x7F | 0x80);
      unsigned >>>= 7;
    }
    buffer[size++] = (byte) unsigned;
    return this;
  }

  /**
   * The body so far: {@link #size()} bytes at the start of this array, valid until the next change.
   */
  byte[] buffer() {
    return buffer;
  }

  int size() {
    return size;
  }

  /** Where the payload fields of {@code body} start: after its row part, if it has one. */
  static int payloadStart(byte[] body) {
    if (body.length < 8 || getInt(body, 0) != ROW_PART) return 0;
    int length = getInt(body, 4);
    if (length < 0 || length > body.length - 8)
      throw new IllegalStateException("payload record's row part overruns the record");
    return 8 + length;
  }

  /** Every payload field of a record body, in order (a row part is skipped). */
  static List<@Nullable String> decode(byte[] body) {
    List<@Nullable String> out = new ArrayList<>(8);
    int at = payloadStart(body);
    while (at < body.length) {
      if (body.length - at < 4)
        throw new IllegalStateException("payload record ends inside field " + out.size());
      int length = getInt(body, at);
      at += 4;
      if (length < 0) {
        out.add(null);
        continue;
      }
      if (length > body.length - at) {
        throw new IllegalStateException("payload field " + out.size() + " overruns the record");
      }
      out.add(new String(body, at, length, StandardCharsets.UTF_8));
      at += length;
    }
    return out;
  }

  /** Reads a body's row part field by field, in the order it was written. */
  static final class RowReader {
    private final byte[] body;
    private final int end;
    private int at = 8;

    /** Null when {@code body} has no row part. */
    static @Nullable RowReader of(byte[] body) {
      int start = payloadStart(body);
      return start == 0 ? null : new RowReader(body, start);
    }

    private RowReader(byte[] body, int end) {
      this.body = body;
      this.end = end;
    }

    /** A string of {@link #addShort}. */
    @Nullable String string() {
      long n = varint();
      if (n == 0) return null;
      if (n - 1 > end - at) throw new IllegalStateException("row part ends inside a field");
      int length = (int) n - 1;
      at += length;
      return new String(body, at - length, length, StandardCharsets.UTF_8);
    }

    /** A long of {@link #addLong}. */
    long longValue() {
      long v = varint();
      return v >>> 1 ^ -(v & 1);
    }

    /** A nullable long of {@link #addNullableLong}. */
    @Nullable Long nullableLong() {
      return varint() == 0 ? null : longValue();
    }

    private long varint() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        take(1);
        byte b = body[at - 1];
        v |= (long) (b & 0x7F) << shift;
        if (b >= 0) return v;
      }
      throw new IllegalStateException("varint of the row part is longer than 10 bytes");
    }

    private void take(int n) {
      if (n > end - at) throw new IllegalStateException("row part ends inside a field");
      at += n;
    }
  }

  private void putInt(int v) {
    ensure(4);
    putIntAt(size, v);
    size += 4;
  }

  private void putIntAt(int at, int v) {
    buffer[at] = (byte) (v >>> 24);
    buffer[at + 1] = (byte) (v >>> 16);
    buffer[at + 2] = (byte) (v >>> 8);
    buffer[at + 3] = (byte) v;
  }

  private static int getInt(byte[] b, int at) {
    return (b[at] & 0xFF) << 24
        | (b[at + 1] & 0xFF) << 16
        | (b[at + 2] & 0xFF) << 8
        | (b[at + 3] & 0xFF);
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
