package dev.loupe.storage.duckdb;

import dev.loupe.model.Trace;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The stored versions of recently written traces, so that the spans of a running trace, which
 * arrive over many groups, merge into its row without reading it back. Only the writer thread uses
 * it, and it holds exactly what was committed; traces with large payloads are not kept.
 */
final class TraceCache {
  private static final int MAX_ENTRIES = 16_384;
  private static final int MAX_PAYLOAD_CHARS = 8_192;

  private final Map<RowKey, Stored<Trace>> entries =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RowKey, Stored<Trace>> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  @Nullable Stored<Trace> get(RowKey key) {
    return entries.get(key);
  }

  void put(RowKey key, Stored<Trace> stored) {
    Trace t = stored.row();
    if (length(t.input()) + length(t.output()) + length(t.metadata()) > MAX_PAYLOAD_CHARS)
      entries.remove(key);
    else entries.put(key, stored);
  }

  void clear() {
    entries.clear();
  }

  private static int length(@Nullable String s) {
    return s == null ? 0 : s.length();
  }
}
