package dev.loupe.testing.clickhouse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** RowBinary rows of the spans table, encoded by hand as a client that streams bytes would. */
final class RowBinary {
  private RowBinary() {}

  /** (project String, id UInt64, name String, cost Float64, at DateTime64(3), version UInt32). */
  static byte[] span(
      String project, long id, String name, double cost, long atMillis, int version) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    string(out, project);
    out.writeBytes(le(8).putLong(id).array());
    string(out, name);
    out.writeBytes(le(8).putDouble(cost).array());
    out.writeBytes(le(8).putLong(atMillis).array());
    out.writeBytes(le(4).putInt(version).array());
    return out.toByteArray();
  }

  private static void string(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    for (int n = b.length; ; n >>>= 7) { // LEB128 length
      if (n < 0x80) {
        out.write(n);
        break;
      }
      out.write((n & 0x7f) | 0x80);
    }
    out.writeBytes(b);
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
