package dev.loupe.ingest.otlp;

import dev.loupe.model.Bounds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One OTLP {@code AnyValue} as read so far, over all its occurrences (see {@link AnyValueReader}):
 * which case was set last, the scalar set last, and the elements of every {@code array_value} and
 * of every {@code kvlist_value} occurrence, which protobuf-java's builder keeps even while another
 * case is set. {@link AnyValueReader} keeps one per depth and reuses it.
 */
final class AnyValueState {
  private static final int SCALAR = 0;
  private static final int ARRAY = 1;
  private static final int KVLIST = 2;

  private int valueCase;
  private @Nullable Object scalar;
  private @Nullable List<Object> array;
  private @Nullable Map<String, Object> kvlist;

  /** Whether an element of the array, or a value of the kvlist, nests too deep. */
  boolean arrayTooDeep;

  boolean kvlistTooDeep;

  /** This state, emptied: no value set. */
  AnyValueState clear() {
    valueCase = SCALAR;
    scalar = null;
    array = null;
    kvlist = null;
    arrayTooDeep = kvlistTooDeep = false;
    return this;
  }

  /** Sets a scalar case (null for {@code string_value_strindex}). */
  void scalar(@Nullable Object value) {
    valueCase = SCALAR;
    scalar = value;
  }

  /** Sets the array case; returns its elements so far, to add to. */
  List<Object> array() {
    valueCase = ARRAY;
    if (array == null) array = new ArrayList<>();
    return array;
  }

  /** Sets the kvlist case; returns its entries so far, to put to. */
  Map<String, Object> kvlist() {
    valueCase = KVLIST;
    if (kvlist == null) kvlist = new LinkedHashMap<>();
    return kvlist;
  }

  /**
   * The value read, {@code depth} deep (null for none), or {@link AnyValueReader#TOO_DEEP} when it
   * or what it holds nests deeper than {@link Bounds#MAX_DEPTH}.
   */
  @Nullable Object result(int depth) {
    if (depth > Bounds.MAX_DEPTH) return AnyValueReader.TOO_DEEP;
    return switch (valueCase) {
      case ARRAY -> arrayTooDeep ? AnyValueReader.TOO_DEEP : Collections.unmodifiableList(array);
      case KVLIST -> kvlistTooDeep ? AnyValueReader.TOO_DEEP : Collections.unmodifiableMap(kvlist);
      default -> scalar;
    };
  }
}
