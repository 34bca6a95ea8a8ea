package dev.loupe.storage.duckdb;

import dev.loupe.model.Observation;
import java.util.Comparator;

/**
 * Orders within a trace, done in Java where sorting a handful of rows is cheaper than an ORDER BY
 * in DuckDB. Text compares by code point, as DuckDB compares VARCHAR (UTF-8 bytes).
 */
final class TraceOrder {
  static final Comparator<String> TEXT = TraceOrder::compareCodePoints;

  /** Start time, then id. */
  static final Comparator<Observation> OBSERVATIONS =
      Comparator.comparing(Observation::startTime).thenComparing(Observation::id, TEXT);

  private TraceOrder() {}

  static int compareCodePoints(String a, String b) {
    int i = 0, j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i), cb = b.codePointAt(j);
      if (ca != cb) return Integer.compare(ca, cb);
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
