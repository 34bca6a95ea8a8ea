package dev.loupe.storage.duckdb;

/**
 * Where one payload record lives in the {@link PayloadLog}: its segment, the offset of its header
 * in that segment, and the length of its body. Stored in the data rows as two columns: {@link
 * #position()} (segment and offset in one BIGINT) and the length.
 */
record PayloadRef(int segment, long offset, int length) {
  PayloadRef {
    if (segment < 1) throw new IllegalArgumentException("segment must be >= 1, was " + segment);
    if (offset < 0 || offset > 0xFFFF_FFFFL)
      throw new IllegalArgumentException("offset out of range: " + offset);
    if (length < 0) throw new IllegalArgumentException("length must be >= 0, was " + length);
  }

  /** The {@code payload_at} column: segment in the high 32 bits, offset in the low 32. */
  long position() {
    return ((long) segment << 32) | offset;
  }

  static PayloadRef of(long position, int length) {
    return new PayloadRef((int) (position >>> 32), position & 0xFFFF_FFFFL, length);
  }
}
