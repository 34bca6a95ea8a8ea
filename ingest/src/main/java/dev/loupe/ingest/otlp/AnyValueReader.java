package dev.loupe.ingest.otlp;

import static dev.loupe.ingest.otlp.WireReader.FIXED64;
import static dev.loupe.ingest.otlp.WireReader.LENGTH_DELIMITED;
import static dev.loupe.ingest.otlp.WireReader.TYPE_BITS;
import static dev.loupe.ingest.otlp.WireReader.VARINT;

import com.google.protobuf.CodedInputStream;
import dev.loupe.model.Bounds;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads OTLP {@code KeyValue} and {@code AnyValue} messages from the wire into the values a {@link
 * SpanRecord} holds: {@code String}, {@code Boolean}, {@code Long}, {@code Double}, {@code byte[]},
 * an unmodifiable list (array) or insertion-ordered map (kvlist); null when no value is set or for
 * {@code string_value_strindex}, and such nulls are left out of arrays and kvlists.
 *
 * <p>A value nested deeper than {@link Bounds#MAX_DEPTH} reads as {@link #TOO_DEEP}, and so does an
 * array or kvlist holding one. It is a value, not an exception, because the rest of the body must
 * still be read (and checked), and because what protobuf would have discarded (a value replaced by
 * a later one) must not count.
 *
 * <p>Repeated occurrences are read as protobuf-java's generated parser merges them: a {@code
 * KeyValue}'s value given twice is one {@code AnyValue} parsed from both occurrences in turn; in an
 * {@code AnyValue} the case set last wins, and the elements of every {@code array_value} (or {@code
 * kvlist_value}) occurrence add up, even with another case set between them, as the generated
 * builder keeps them. One reader per request: it is not thread-safe.
 */
final class AnyValueReader {
  /** What a value nested too deep reads as. */
  static final Object TOO_DEEP = new Object();

  private static final int KEY = KeyValue.KEY_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;
  private static final int VALUE = KeyValue.VALUE_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;
  private static final int STRING =
      AnyValue.STRING_VALUE_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;
  private static final int BOOL = AnyValue.BOOL_VALUE_FIELD_NUMBER << TYPE_BITS | VARINT;
  private static final int INT = AnyValue.INT_VALUE_FIELD_NUMBER << TYPE_BITS | VARINT;
  private static final int DOUBLE = AnyValue.DOUBLE_VALUE_FIELD_NUMBER << TYPE_BITS | FIXED64;
  private static final int ARRAY =
      AnyValue.ARRAY_VALUE_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;
  private static final int KVLIST =
      AnyValue.KVLIST_VALUE_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;
  private static final int BYTES =
      AnyValue.BYTES_VALUE_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;
  private static final int STRING_INDEX =
      AnyValue.STRING_VALUE_STRINDEX_FIELD_NUMBER << TYPE_BITS | VARINT;
  private static final int ARRAY_VALUES =
      ArrayValue.VALUES_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;
  private static final int KVLIST_VALUES =
      KeyValueList.VALUES_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;

  private final StringTable strings;
  private String key = "";

  /**
   * The {@code AnyValue}s being read, by depth: those read at one time (one in the other) are each
   * at a different depth, so each depth needs one, reused.
   */
  private AnyValueState[] states = new AnyValueState[8];

  AnyValueReader(StringTable strings) {
    this.strings = strings;
  }

  /** The key of the {@code KeyValue} {@link #keyValue} read last ("" when it had none). */
  String key() {
    return key;
  }

  /**
   * Reads the {@code KeyValue} message that follows the tag just read; its value nests {@code
   * depth} deep (an attribute's own value is 1). The key is then {@link #key()}. A value given
   * twice is read on from where the first occurrence left it, as protobuf merges it: each byte is
   * read once, however the occurrences nest.
   *
   * @return the value, null for none, or {@link #TOO_DEEP}
   */
  @Nullable Object keyValue(WireReader w, int depth) throws IOException {
    AnyValueState value = state(depth);
    boolean hasValue = false;
    String k = "";
    int oldLimit = w.enter();
    for (int tag; (tag = w.readTag()) != 0; ) {
      if (tag == KEY) {
        k = w.string(strings);
      } else if (tag == VALUE) {
        int valueLimit = w.enter();
        fields(w, depth, value);
        w.exit(valueLimit);
        hasValue = true;
      } else {
        w.skip(KeyValue.getDescriptor(), tag);
      }
    }
    w.exit(oldLimit);
    key = k;
    if (hasValue) return value.result(depth);
    return depth > Bounds.MAX_DEPTH ? TOO_DEEP : null; // as a default AnyValue there would be
  }

  /** The {@code AnyValue} message that follows the tag just read, {@code depth} deep. */
  private @Nullable Object anyValue(WireReader w, int depth) throws IOException {
    AnyValueState value = state(depth);
    int oldLimit = w.enter();
    fields(w, depth, value);
    w.exit(oldLimit);
    return value.result(depth);
  }

  /** A cleared state for a value {@code depth} deep. */
  private AnyValueState state(int depth) {
    if (depth >= states.length) states = Arrays.copyOf(states, depth * 2);
    AnyValueState state = states[depth];
    if (state == null) state = states[depth] = new AnyValueState();
    return state.clear();
  }

  /** Reads the fields of an {@code AnyValue} message, up to its end, into {@code value}. */
  private void fields(WireReader w, int depth, AnyValueState value) throws IOException {
    CodedInputStream in = w.in;
    for (int tag; (tag = w.readTag()) != 0; ) {
      switch (tag) {
        case STRING -> value.scalar(w.string(strings));
        case BOOL -> value.scalar(in.readBool());
        case INT -> value.scalar(in.readInt64());
        case DOUBLE -> value.scalar(in.readDouble());
        case BYTES -> value.scalar(in.readByteArray());
        case STRING_INDEX -> {
          in.readInt32(); // points into a profiles dictionary, which trace requests do not have
          value.scalar(null);
        }
        case ARRAY -> value.arrayTooDeep |= arrayValues(w, depth, value.array());
        case KVLIST -> value.kvlistTooDeep |= kvlistValues(w, depth, value.kvlist());
        default -> w.skip(AnyValue.getDescriptor(), tag);
      }
    }
  }

  /**
   * Adds the values of the {@code ArrayValue} that follows, inside a value {@code depth} deep.
   *
   * @return whether one nests too deep
   */
  private boolean arrayValues(WireReader w, int depth, List<Object> into) throws IOException {
    int oldLimit = w.enter();
    boolean tooDeep = false;
    for (int tag; (tag = w.readTag()) != 0; ) {
      if (tag == ARRAY_VALUES) {
        Object value = anyValue(w, depth + 1);
        if (value == TOO_DEEP) {
          tooDeep = true;
        } else if (value != null) {
          into.add(value);
        }
      } else {
        w.skip(ArrayValue.getDescriptor(), tag);
      }
    }
    w.exit(oldLimit);
    return tooDeep;
  }

  /**
   * Puts the entries of the {@code KeyValueList} that follows, inside a value {@code depth} deep: a
   * repeated key keeps its first position and takes the later value.
   *
   * @return whether a value nests too deep
   */
  private boolean kvlistValues(WireReader w, int depth, Map<String, Object> into)
      throws IOException {
    int oldLimit = w.enter();
    boolean tooDeep = false;
    for (int tag; (tag = w.readTag()) != 0; ) {
      if (tag == KVLIST_VALUES) {
        Object value = keyValue(w, depth + 1);
        if (value == TOO_DEEP) {
          tooDeep = true;
        } else if (value != null) {
          into.put(key, value);
        }
      } else {
        w.skip(KeyValueList.getDescriptor(), tag);
      }
    }
    w.exit(oldLimit);
    return tooDeep;
  }
}
