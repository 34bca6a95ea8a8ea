package dev.loupe.storage.duckdb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of a payload record: a list of nullable strings, each as {@code [int length, or -1 for
 * null][UTF-8 bytes]}. Which field is which is the caller's (see {@link TraceRows}, {@link
 * ObservationRows}). An instance encodes into one reused buffer, so it belongs to one thread (the
 * writer's); decoding is static.
 */
final class PayloadCodec {
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

  /**
   * The body so far: {@link #size()} bytes at the start of this array, valid until the next change.
   */
  byte[] buffer() {
    return buffer;
  }

  int size() {
    return size;
  }

  /** Every field of a record body, in order. */
  static List<@Nullable String> decode(byte[] body) {
    List<@Nullable String> out = new ArrayList<>(8);
    int at = 0;
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

  private void putInt(int v) {
    ensure(4);
    buffer[size] = (byte) (v >>> 24);
    buffer[size + 1] = (byte) (v >>> 16);
    buffer[size + 2] = (byte) (v >>> 8);
    buffer[size + 3] = (byte) v;
    size += 4;
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
