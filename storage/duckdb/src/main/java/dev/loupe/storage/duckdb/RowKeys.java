package dev.loupe.storage.duckdb;

/**
 * The 64-bit row key of a (projectId, id) pair: FNV-1a over the UTF-16 units of both strings with a
 * separator, then the MurmurHash3 finalizer. Keys are persisted, so this function must never change
 * (it would need a new schema version). Equal keys do not prove equal ids: every query by key also
 * compares projectId and id.
 */
final class RowKeys {
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private RowKeys() {}

  static long of(String projectId, String id) {
    long h = OFFSET;
    for (int i = 0; i < projectId.length(); i++) {
      h = (h ^ projectId.charAt(i)) * PRIME;
    }
    h = (h ^ 0x1F) * PRIME;
    for (int i = 0; i < id.length(); i++) {
      h = (h ^ id.charAt(i)) * PRIME;
    }
    return mix(h);
  }

  /** MurmurHash3's 64-bit finalizer: spreads every input bit over the whole key. */
  static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
