package dev.loupe.storage.clickhouse;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Rows in ClickHouse's RowBinary format, column by column in table order: what an insert sends.
 * Little-endian integers, strings as a LEB128 length and UTF-8 bytes, Nullable as a 0/1 byte before
 * the value, arrays and maps as a count and their elements. No JSON, no text parsing on the server.
 */
final class RowBinaryOut {
  private byte[] buf = new byte[8192];
  private int size;
  private int rows;

  /** Counts a finished row (for the insert's expected row count). */
  void endRow() {
    rows++;
  }

  int rows() {
    return rows;
  }

  int size() {
    return size;
  }

  InputStream stream() {
    return new ByteArrayInputStream(buf, 0, size);
  }

  void string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    varint(b.length);
    bytes(b);
  }

  void nullableString(@Nullable String s) {
    if (isNull(s)) return;
    string(s);
  }

  void int64(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) buf[size++] = (byte) (v >>> (8 * i));
  }

  void nullableInt64(@Nullable Long v) {
    if (isNull(v)) return;
    int64(v);
  }

  void int32(int v) {
    ensure(4);
    for (int i = 0; i < 4; i++) buf[size++] = (byte) (v >>> (8 * i));
  }

  void nullableInt32(@Nullable Integer v) {
    if (isNull(v)) return;
    int32(v);
  }

  void uint16(int v) {
    ensure(2);
    buf[size++] = (byte) v;
    buf[size++] = (byte) (v >>> 8);
  }

  void uint8(int v) {
    ensure(1);
    buf[size++] = (byte) v;
  }

  void bool(boolean v) {
    uint8(v ? 1 : 0);
  }

  /** Decimal(18, 12): the value's unscaled Int64 at scale 12 ({@link Decimals#unscaled}). */
  void decimal(BigDecimal v, String field) {
    int64(Decimals.unscaled(v, field));
  }

  void nullableDecimal(@Nullable BigDecimal v, String field) {
    if (isNull(v)) return;
    decimal(v, field);
  }

  void strings(List<String> values) {
    varint(values.size());
    for (String s : values) string(s);
  }

  void mapOfLongs(Map<String, Long> map) {
    varint(map.size());
    map.forEach(
        (k, v) -> {
          string(k);
          int64(v);
        });
  }

  void mapOfDecimals(Map<String, BigDecimal> map, String field) {
    varint(map.size());
    map.forEach(
        (k, v) -> {
          string(k);
          decimal(v, field + "." + k);
        });
  }

  void mapOfStrings(Map<String, String> map) {
    varint(map.size());
    map.forEach(
        (k, v) -> {
          string(k);
          string(v);
        });
  }

  /** Writes the Nullable marker; true when the value is null (nothing more to write). */
  private boolean isNull(@Nullable Object v) {
    uint8(v == null ? 1 : 0);
    return v == null;
  }

  private void varint(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  private void bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
