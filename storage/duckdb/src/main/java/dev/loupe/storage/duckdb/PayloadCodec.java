package dev.loupe.storage.duckdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The body of a payload record: a fixed number of nullable strings, each as {@code [int length or -1 for null]
 * [UTF-8 bytes]}. Which field is which is the caller's (see {@link TraceRows}, {@link ObservationRows}).
 */
final class PayloadCodec {
  private PayloadCodec() {}

  /** The record body, or null when every field is null (then the row has no payload record). */
  static byte @Nullable [] encode(@Nullable String... fields) {
    byte[][] bytes = new byte[fields.length][];
    int size = 0;
    boolean any = false;
    for (int i = 0; i < fields.length; i++) {
      if (fields[i] != null) {
        bytes[i] = fields[i].getBytes(StandardCharsets.UTF_8);
        size += bytes[i].length;
        any = true;
      }
    }
    if (!any) return null;
    ByteBuffer out = ByteBuffer.allocate(size + 4 * fields.length);
    for (byte[] b : bytes) {
      if (b == null) out.putInt(-1);
      else out.putInt(b.length).put(b);
    }
    return out.array();
  }

  /** The {@code count} fields of a record body. */
  static @Nullable String[] decode(byte[] body, int count) {
    String[] out = new String[count];
    ByteBuffer in = ByteBuffer.wrap(body);
    for (int i = 0; i < count; i++) {
      if (in.remaining() < 4) throw new IllegalStateException("payload record ends before field " + i);
      int length = in.getInt();
      if (length < 0) continue;
      if (length > in.remaining()) throw new IllegalStateException("payload field " + i + " overruns the record");
      out[i] = new String(body, in.position(), length, StandardCharsets.UTF_8);
      in.position(in.position() + length);
    }
    if (in.hasRemaining()) {
      throw new IllegalStateException("payload record has " + in.remaining() + " bytes after its "
          + count + " fields");
    }
    return out;
  }
}
