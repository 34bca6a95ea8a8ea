package dev.loupe.pipeline.log;

import java.util.Map;

/**
 * Where an append put a request's rows.
 *
 * @param offsets for each partition written, the offset of the last record written there; the rows
 *     are applied once every partition's applied position passes it
 * @param bytes the size of the records, encoded
 */
public record Appended(Map<Integer, Long> offsets, long bytes) {
  public Appended {
    offsets = Map.copyOf(offsets);
  }
}
