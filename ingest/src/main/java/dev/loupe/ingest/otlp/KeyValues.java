package dev.loupe.ingest.otlp;

import dev.loupe.model.Bounds;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A repeated {@code KeyValue} field (the attributes of a span, an event or a resource) as read so
 * far: its occurrences may be spread over the message, between other fields. Values are in wire
 * order; a repeated key keeps its first position and takes the later value, as {@link
 * LinkedHashMap#put} does; a key with no value is left out.
 */
final class KeyValues {
  private @Nullable Map<String, Object> map;
  private @Nullable String tooDeepKey;

  /** Reads the {@code KeyValue} that follows the tag just read. */
  void read(WireReader w, AnyValueReader values) throws IOException {
    Object value = values.keyValue(w, 1);
    if (value == AnyValueReader.TOO_DEEP) {
      if (tooDeepKey == null) tooDeepKey = values.key();
    } else if (value != null) {
      if (map == null) map = new LinkedHashMap<>();
      map.put(values.key(), value);
    }
  }

  /** The values read, unmodifiable. */
  Map<String, Object> map() {
    return map == null ? Map.of() : Collections.unmodifiableMap(map);
  }

  /**
   * Why the values cannot be taken (the first key whose value nests deeper than {@link
   * Bounds#MAX_DEPTH}), naming them {@code field}; null when they can.
   */
  @Nullable String problem(String field) {
    if (tooDeepKey == null) return null;
    return field
        + " "
        + SpanIds.quote(tooDeepKey)
        + ": values nested deeper than "
        + Bounds.MAX_DEPTH
        + " levels";
  }
}
