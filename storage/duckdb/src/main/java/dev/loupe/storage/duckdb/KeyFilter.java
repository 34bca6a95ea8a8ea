package dev.loupe.storage.duckdb;

import java.util.ArrayList;
import java.util.List;

/**
 * A growing Bloom filter over row keys: "maybe stored" or "certainly new". It lets the writer skip
 * the lookup of stored rows for ids it has never written, which keeps the common path an append.
 * Each segment holds up to its capacity at about 1e-5 false positives; a full filter adds a segment
 * twice as large. Not thread-safe: the writer thread owns it.
 */
final class KeyFilter {
  private static final int BITS_PER_KEY = 24;
  private static final int HASHES = 16;

  private final List<Segment> segments = new ArrayList<>();

  KeyFilter(long expectedKeys) {
    segments.add(new Segment(Math.max(1 << 16, expectedKeys)));
  }

  void add(long key) {
    Segment last = segments.getLast();
    if (last.count >= last.capacity) {
      last = new Segment(last.capacity * 2);
      segments.add(last);
    }
    last.add(key);
  }

  boolean mightContain(long key) {
    for (Segment s : segments) {
      if (s.mightContain(key)) return true;
    }
    return false;
  }

  private static final class Segment {
    final long capacity;
    final long[] bits;
    final long numBits;
    long count;

    Segment(long capacity) {
      this.capacity = capacity;
      long words = Math.max(1, (capacity * BITS_PER_KEY + 63) / 64);
      if (words > Integer.MAX_VALUE - 8)
        throw new IllegalStateException("key filter too large: " + capacity);
      this.bits = new long[(int) words];
      this.numBits = words * 64;
    }

    void add(long key) {
      long h1 = key, h2 = RowKeys.mix(key ^ 0x9E3779B97F4A7C15L) | 1;
      for (int i = 0; i < HASHES; i++) {
        long bit = Math.floorMod(h1 + i * h2, numBits);
        bits[(int) (bit >>> 6)] |= 1L << bit;
      }
      count++;
    }

    boolean mightContain(long key) {
      long h1 = key, h2 = RowKeys.mix(key ^ 0x9E3779B97F4A7C15L) | 1;
      for (int i = 0; i < HASHES; i++) {
        long bit = Math.floorMod(h1 + i * h2, numBits);
        if ((bits[(int) (bit >>> 6)] & (1L << bit)) == 0) return false;
      }
      return true;
    }
  }
}
