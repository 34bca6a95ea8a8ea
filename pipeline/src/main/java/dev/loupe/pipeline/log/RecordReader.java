package dev.loupe.pipeline.log;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads what {@link RecordWriter} wrote. Every read checks its bounds: bytes that end early or hold
 * impossible values fail with an {@link IllegalArgumentException} saying what and where.
 */
final class RecordReader {
  private final byte[] buf;
  private final int end;
  private int at;

  /** Whether strings are version 1's ({@code varint(length + 1)}, no table). */
  private boolean plainStrings;

  private final List<String> shared = new ArrayList<>();

  RecordReader(byte[] buf, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > buf.length)
      throw new IllegalArgumentException("bad slice " + offset + "+" + length);
    this.buf = buf;
    this.at = offset;
    this.end = offset + length;
  }

  /** Reads strings as version 1 wrote them: length + 1, then the bytes; no shared table. */
  void plainStrings() {
    plainStrings = true;
  }

  boolean atEnd() {
    return at == end;
  }

  int readByte() {
    if (at >= end) throw bad("ends early");
    return buf[at++] & 0xFF;
  }

  boolean readBoolean() {
    int b = readByte();
    if (b > 1) throw bad("boolean " + b);
    return b == 1;
  }

  long readVarLong() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) return v;
    }
    throw bad("varint longer than 10 bytes");
  }

  long readSignedVarLong() {
    long v = readVarLong();
    return (v >>> 1) ^ -(v & 1);
  }

  /** How many bytes of the record are left to read. */
  int remaining() {
    return end - at;
  }

  /** An unsigned varint that must fit a non-negative int no larger than {@code max}. */
  int readCount(String what, int max) {
    long v = readVarLong();
    if (v < 0 || v > max) throw bad(what + " " + v + " out of range");
    return (int) v;
  }

  /**
   * A string as {@link RecordWriter#writeString} wrote it (or version 1, see {@link
   * #plainStrings}).
   */
  @Nullable String readString() {
    long v = readVarLong();
    if (v == 0) return null;
    if (plainStrings) return utf8(checkLength(v - 1));
    if ((v & 1) == 0) {
      long index = (v >>> 1) - 1;
      if (index >= shared.size()) throw bad("string reference " + index + " beyond the table");
      return shared.get((int) index);
    }
    String s = utf8(checkLength(v >>> 1));
    if (s.length() <= RecordWriter.SHARED_MAX_CHARS
        && shared.size() < RecordWriter.SHARED_MAX_COUNT) shared.add(s);
    return s;
  }

  private String utf8(int length) {
    String s = new String(buf, at, length, StandardCharsets.UTF_8);
    at += length;
    return s;
  }

  String readRequiredString(String field) {
    String s = readString();
    if (s == null) throw bad(field + " is null");
    return s;
  }

  Instant readInstant() {
    long seconds = readSignedVarLong();
    long nanos = readVarLong();
    if (nanos < 0 || nanos > 999_999_999) throw bad("nanos " + nanos);
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (RuntimeException e) {
      throw bad("instant out of range: " + seconds + " s");
    }
  }

  @Nullable Instant readNullableInstant() {
    return readBoolean() ? readInstant() : null;
  }

  BigDecimal readDecimal() {
    long scale = readSignedVarLong();
    if (scale != (int) scale) throw bad("decimal scale " + scale);
    int length = checkLength(readVarLong());
    if (length == 0) throw bad("decimal without digits");
    byte[] unscaled = new byte[length];
    System.arraycopy(buf, at, unscaled, 0, length);
    at += length;
    return new BigDecimal(new BigInteger(unscaled), (int) scale);
  }

  private int checkLength(long n) {
    if (n < 0 || n > end - at) throw bad("length " + n + " beyond the record");
    return (int) n;
  }

  IllegalArgumentException bad(String why) {
    return new IllegalArgumentException("ingest log record: " + why + " at byte " + at);
  }
}
