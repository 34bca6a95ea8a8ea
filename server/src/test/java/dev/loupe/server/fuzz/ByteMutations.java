package dev.loupe.server.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Mutations of the bytes themselves: blind ones (flips, truncation, insertion, deletion,
 * duplication) and protobuf-aware ones that find the fields of a message and corrupt a tag's wire
 * type, a length prefix or a varint.
 */
final class ByteMutations {
  private ByteMutations() {}

  /** The mutated bytes and what was done. */
  record Mutated(byte[] bytes, String shown) {}

  static Mutated blind(Random r, byte[] in) {
    if (in.length == 0) return new Mutated(new byte[] {'{'}, "empty body replaced by '{'");
    int at = r.nextInt(in.length);
    return switch (r.nextInt(6)) {
      case 0 -> {
        byte[] out = in.clone();
        int flips = 1 + r.nextInt(8);
        for (int i = 0; i < flips; i++) out[r.nextInt(out.length)] ^= (byte) (1 << r.nextInt(8));
        yield new Mutated(out, flips + " bit flips");
      }
      case 1 -> new Mutated(Arrays.copyOf(in, at), "truncated at " + at + " of " + in.length);
      case 2 -> {
        byte[] junk = new byte[1 + r.nextInt(16)];
        r.nextBytes(junk);
        yield new Mutated(
            splice(in, at, at, junk), junk.length + " random bytes inserted at " + at);
      }
      case 3 -> {
        int end = Math.min(in.length, at + 1 + r.nextInt(64));
        yield new Mutated(
            splice(in, at, end, new byte[0]), "bytes " + at + ".." + end + " deleted");
      }
      case 4 -> {
        int end = Math.min(in.length, at + 1 + r.nextInt(256));
        yield new Mutated(
            splice(in, at, at, Arrays.copyOfRange(in, at, end)),
            "bytes " + at + ".." + end + " duplicated");
      }
      default -> {
        byte[] out = in.clone();
        byte b = (byte) (int) Valid.pick(r, List.of(0, 0x7f, 0x80, 0xff, 0x22, 0x7b, 0x5c, 0xc3));
        out[at] = b;
        yield new Mutated(out, "byte " + at + " set to 0x" + Integer.toHexString(b & 0xff));
      }
    };
  }

  /** A protobuf field: its tag and, for length-delimited ones, the length prefix and payload. */
  record Field(int tagStart, int tagEnd, int wireType, int lengthEnd, int end) {}

  static Mutated protobuf(Random r, byte[] in) {
    List<Field> fields = new ArrayList<>();
    walk(in, 0, in.length, fields, 0);
    if (fields.isEmpty()) return blind(r, in);
    Field f = fields.get(r.nextInt(fields.size()));
    return switch (r.nextInt(5)) {
      case 0 -> {
        int wrong = (f.wireType + 1 + r.nextInt(7)) % 8;
        byte[] out = in.clone();
        out[f.tagStart] = (byte) ((out[f.tagStart] & ~7) | wrong);
        yield new Mutated(
            out, "field at " + f.tagStart + ": wire type " + f.wireType + " -> " + wrong);
      }
      case 1 -> {
        if (f.wireType != 2) yield blind(r, in);
        long length = f.end - f.lengthEnd;
        long bad =
            Valid.pick(
                r, List.of(length + 1, length + 1000, length - 1, 0x7fffffffL, -1L, 1L << 40));
        yield new Mutated(
            splice(in, f.tagEnd, f.lengthEnd, varint(bad)),
            "field at " + f.tagStart + ": length " + length + " -> " + bad);
      }
      case 2 -> {
        byte[] overlong = new byte[11];
        Arrays.fill(overlong, (byte) 0xff);
        int end = f.wireType == 0 ? f.end : f.tagEnd;
        int start = f.wireType == 0 ? f.tagEnd : f.tagStart;
        yield new Mutated(
            splice(in, start, end, overlong), "an 11-byte varint at " + start + " (malformed)");
      }
      case 3 -> {
        byte[] out = in.clone();
        out[f.tagStart] = (byte) (out[f.tagStart] & 7); // field number 0
        yield new Mutated(out, "field at " + f.tagStart + ": field number 0");
      }
      default ->
          new Mutated(
              Arrays.copyOf(in, f.lengthEnd + (f.end - f.lengthEnd) / 2),
              "truncated inside the field at " + f.tagStart);
    };
  }

  /** Lists the fields of the message in {@code [from, to)} and, where they parse, nested ones. */
  private static boolean walk(byte[] b, int from, int to, List<Field> out, int depth) {
    int i = from;
    List<Field> found = new ArrayList<>();
    while (i < to) {
      long[] tag = readVarint(b, i, to);
      if (tag == null || tag[0] == 0) return false;
      int wireType = (int) (tag[0] & 7);
      int tagEnd = (int) tag[1];
      int end;
      int lengthEnd = tagEnd;
      switch (wireType) {
        case 0 -> {
          long[] v = readVarint(b, tagEnd, to);
          if (v == null) return false;
          end = (int) v[1];
        }
        case 1 -> end = tagEnd + 8;
        case 5 -> end = tagEnd + 4;
        case 2 -> {
          long[] len = readVarint(b, tagEnd, to);
          if (len == null || len[0] < 0 || len[1] + len[0] > to) return false;
          lengthEnd = (int) len[1];
          end = (int) (len[1] + len[0]);
        }
        default -> {
          return false;
        }
      }
      if (end > to) return false;
      found.add(new Field(i, tagEnd, wireType, lengthEnd, end));
      i = end;
    }
    out.addAll(found);
    if (depth < 12) {
      for (Field f : found) {
        if (f.wireType == 2 && f.end > f.lengthEnd) walk(b, f.lengthEnd, f.end, out, depth + 1);
      }
    }
    return true;
  }

  /** {value, end} or null. */
  private static long[] readVarint(byte[] b, int at, int to) {
    long value = 0;
    for (int shift = 0, i = at; shift < 64 && i < to; shift += 7, i++) {
      value |= (long) (b[i] & 0x7f) << shift;
      if ((b[i] & 0x80) == 0) return new long[] {value, i + 1};
    }
    return null;
  }

  static byte[] varint(long v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
    return out.toByteArray();
  }

  static byte[] splice(byte[] in, int from, int to, byte[] insert) {
    byte[] out = new byte[in.length - (to - from) + insert.length];
    System.arraycopy(in, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(in, to, out, from + insert.length, in.length - to);
    return out;
  }
}
