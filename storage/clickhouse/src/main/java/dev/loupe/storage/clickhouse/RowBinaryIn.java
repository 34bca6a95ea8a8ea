package dev.loupe.storage.clickhouse;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a RowBinary answer column by column, in the order the query selects them, with the types it
 * selects (the reader trusts the query: each store's SELECT and its reading code sit together).
 */
final class RowBinaryIn {
  private final InputStream in;
  private final byte[] buf = new byte[65536];
  private int pos, limit;

  RowBinaryIn(InputStream in) {
    this.in = in;
  }

  /** True when another row follows. */
  boolean hasRow() {
    return fill(1);
  }

  String string() {
    int n = (int) varint();
    if (n <= buf.length) {
      require(n);
      String s = new String(buf, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }
    byte[] big = new byte[n];
    int done = 0;
    while (done < n) {
      if (pos == limit && !fill(1)) throw eof();
      int k = Math.min(n - done, limit - pos);
      System.arraycopy(buf, pos, big, done, k);
      pos += k;
      done += k;
    }
    return new String(big, StandardCharsets.UTF_8);
  }

  @Nullable String nullableString() {
    return isNull() ? null : string();
  }

  long int64() {
    require(8);
    long v = 0;
    for (int i = 7; i >= 0; i--) v = (v << 8) | (buf[pos + i] & 0xFF);
    pos += 8;
    return v;
  }

  @Nullable Long nullableInt64() {
    return isNull() ? null : int64();
  }

  int int32() {
    require(4);
    int v = 0;
    for (int i = 3; i >= 0; i--) v = (v << 8) | (buf[pos + i] & 0xFF);
    pos += 4;
    return v;
  }

  @Nullable Integer nullableInt32() {
    return isNull() ? null : int32();
  }

  int uint8() {
    require(1);
    return buf[pos++] & 0xFF;
  }

  boolean bool() {
    return uint8() != 0;
  }

  /** Int128 or Decimal128's unscaled value: 16 bytes, little-endian two's complement. */
  BigInteger int128() {
    require(16);
    byte[] be = new byte[16];
    for (int i = 0; i < 16; i++) be[i] = buf[pos + 15 - i];
    pos += 16;
    return new BigInteger(be);
  }

  /** Decimal(18, 12), trailing zeros stripped. */
  BigDecimal decimal() {
    return Decimals.of(int64());
  }

  @Nullable BigDecimal nullableDecimal() {
    return isNull() ? null : decimal();
  }

  /** Decimal(38, 12) (a sum), trailing zeros stripped. */
  BigDecimal decimal128() {
    return Decimals.of(int128());
  }

  List<String> strings() {
    int n = (int) varint();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(string());
    return out;
  }

  Map<String, Long> mapOfLongs() {
    int n = (int) varint();
    Map<String, Long> out = HashMap.newHashMap(n);
    for (int i = 0; i < n; i++) out.put(string(), int64());
    return out;
  }

  Map<String, BigDecimal> mapOfDecimals() {
    int n = (int) varint();
    Map<String, BigDecimal> out = HashMap.newHashMap(n);
    for (int i = 0; i < n; i++) out.put(string(), decimal());
    return out;
  }

  Map<String, String> mapOfStrings() {
    int n = (int) varint();
    Map<String, String> out = HashMap.newHashMap(n);
    for (int i = 0; i < n; i++) out.put(string(), string());
    return out;
  }

  /** An array's element count (its elements follow). */
  int arraySize() {
    return (int) varint();
  }

  private boolean isNull() {
    return uint8() != 0;
  }

  private long varint() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = uint8();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) return v;
    }
    throw new IllegalStateException("RowBinary: varint longer than 10 bytes");
  }

  private void require(int n) {
    if (!fill(n)) throw eof();
  }

  /** Makes {@code n} bytes available at {@code pos}; false at the end of the stream. */
  private boolean fill(int n) {
    if (limit - pos >= n) return true;
    System.arraycopy(buf, pos, buf, 0, limit - pos);
    limit -= pos;
    pos = 0;
    try {
      while (limit < n) {
        int r = in.read(buf, limit, buf.length - limit);
        if (r < 0) return false;
        limit += r;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading a ClickHouse answer", e);
    }
    return true;
  }

  private static UncheckedIOException eof() {
    return new UncheckedIOException(new EOFException("RowBinary answer ended inside a row"));
  }
}
