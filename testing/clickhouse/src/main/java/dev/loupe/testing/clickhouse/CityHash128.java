package dev.loupe.testing.clickhouse;

/**
 * CityHash128, version 1.0.2: the checksum ClickHouse puts before each compressed block (the client
 * refuses a block whose checksum differs). Written from the published algorithm; 64-bit unsigned
 * arithmetic is Java's wrapping long arithmetic.
 */
final class CityHash128 {
  private static final long K0 = 0xc3a5c85c97cb3127L;
  private static final long K1 = 0xb492b66fbe98f273L;
  private static final long K2 = 0x9ae16a3b2f90404fL;
  private static final long K3 = 0xc949d7c7509e6557L;

  private CityHash128() {}

  /** The hash of {@code b[off, off+len)} as {low, high}; written low first, little-endian. */
  static long[] hash(byte[] b, int off, int len) {
    if (len >= 16) {
      return withSeed(b, off + 16, len - 16, fetch64(b, off) ^ K3, fetch64(b, off + 8));
    } else if (len >= 8) {
      return withSeed(b, off, 0, fetch64(b, off) ^ (len * K0), fetch64(b, off + len - 8) ^ K1);
    }
    return withSeed(b, off, len, K0, K1);
  }

  private static long[] withSeed(byte[] b, int s, int len, long seedLow, long seedHigh) {
    if (len < 128) {
      return murmur(b, s, len, seedLow, seedHigh);
    }
    long x = seedLow;
    long y = seedHigh;
    long z = len * K1;
    long v0 = Long.rotateRight(y ^ K1, 49) * K1 + fetch64(b, s);
    long v1 = Long.rotateRight(v0, 42) * K1 + fetch64(b, s + 8);
    long w0 = Long.rotateRight(y + z, 35) * K1 + x;
    long w1 = Long.rotateRight(x + fetch64(b, s + 88), 53) * K1;
    do {
      for (int half = 0; half < 2; half++) {
        x = Long.rotateRight(x + y + v0 + fetch64(b, s + 16), 37) * K1;
        y = Long.rotateRight(y + v1 + fetch64(b, s + 48), 42) * K1;
        x ^= w1;
        y ^= v0;
        z = Long.rotateRight(z ^ w0, 33);
        long[] v = weak32(b, s, v1 * K1, x + w0);
        long[] w = weak32(b, s + 32, z + w1, y);
        v0 = v[0];
        v1 = v[1];
        w0 = w[0];
        w1 = w[1];
        long t = z;
        z = x;
        x = t;
        s += 64;
      }
      len -= 128;
    } while (len >= 128);
    y += Long.rotateRight(w0, 37) * K0 + z;
    x += Long.rotateRight(v0 + z, 49) * K0;
    for (int done = 0; done < len; ) {
      done += 32;
      y = Long.rotateRight(y - x, 42) * K0 + v1;
      w0 += fetch64(b, s + len - done + 16);
      x = Long.rotateRight(x, 49) * K0 + w0;
      w0 += v0;
      long[] v = weak32(b, s + len - done, v0, v1);
      v0 = v[0];
      v1 = v[1];
    }
    x = hash16(x, v0);
    y = hash16(y, w0);
    return new long[] {hash16(x + v1, w1) + y, hash16(x + w1, y + v1)};
  }

  private static long[] murmur(byte[] b, int s, int len, long a, long bb) {
    long c;
    long d;
    int l = len - 16;
    if (l <= 0) {
      a = shiftMix(a * K1) * K1;
      c = bb * K1 + hash0to16(b, s, len);
      d = shiftMix(a + (len >= 8 ? fetch64(b, s) : c));
    } else {
      c = hash16(fetch64(b, s + len - 8) + K1, a);
      d = hash16(bb + len, c + fetch64(b, s + len - 16));
      a += d;
      do {
        a ^= shiftMix(fetch64(b, s) * K1) * K1;
        a *= K1;
        bb ^= a;
        c ^= shiftMix(fetch64(b, s + 8) * K1) * K1;
        c *= K1;
        d ^= c;
        s += 16;
        l -= 16;
      } while (l > 0);
    }
    a = hash16(a, c);
    bb = hash16(d, bb);
    return new long[] {a ^ bb, hash16(bb, a)};
  }

  private static long hash0to16(byte[] b, int s, int len) {
    if (len > 8) {
      long a = fetch64(b, s);
      long bb = fetch64(b, s + len - 8);
      return hash16(a, Long.rotateRight(bb + len, len)) ^ bb;
    }
    if (len >= 4) {
      long a = fetch32(b, s);
      return hash16(len + (a << 3), fetch32(b, s + len - 4));
    }
    if (len > 0) {
      int a = b[s] & 0xff;
      int bb = b[s + (len >> 1)] & 0xff;
      int c = b[s + len - 1] & 0xff;
      long y = a + ((long) bb << 8);
      long z = len + ((long) c << 2);
      return shiftMix(y * K2 ^ z * K3) * K2;
    }
    return K2;
  }

  private static long[] weak32(byte[] b, int s, long a, long bb) {
    long w = fetch64(b, s);
    long x = fetch64(b, s + 8);
    long y = fetch64(b, s + 16);
    long z = fetch64(b, s + 24);
    a += w;
    bb = Long.rotateRight(bb + a + z, 21);
    long c = a;
    a += x;
    a += y;
    bb += Long.rotateRight(a, 44);
    return new long[] {a + z, bb + c};
  }

  private static long hash16(long u, long v) {
    final long mul = 0x9ddfea08eb382d69L;
    long a = (u ^ v) * mul;
    a ^= (a >>> 47);
    long b = (v ^ a) * mul;
    b ^= (b >>> 47);
    return b * mul;
  }

  private static long shiftMix(long v) {
    return v ^ (v >>> 47);
  }

  static long fetch64(byte[] b, int i) {
    return (b[i] & 0xffL)
        | (b[i + 1] & 0xffL) << 8
        | (b[i + 2] & 0xffL) << 16
        | (b[i + 3] & 0xffL) << 24
        | (b[i + 4] & 0xffL) << 32
        | (b[i + 5] & 0xffL) << 40
        | (b[i + 6] & 0xffL) << 48
        | (b[i + 7] & 0xffL) << 56;
  }

  private static long fetch32(byte[] b, int i) {
    return (b[i] & 0xffL)
        | (b[i + 1] & 0xffL) << 8
        | (b[i + 2] & 0xffL) << 16
        | (b[i + 3] & 0xffL) << 24;
  }
}
