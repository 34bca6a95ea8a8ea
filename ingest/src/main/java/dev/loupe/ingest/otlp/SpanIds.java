package dev.loupe.ingest.otlp;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Trace and span ids: bytes to lowercase hex, and the checks a usable id must pass. Protobuf ids
 * (bytes) are checked as their hex: empty is missing, and a hex of the wrong length is quoted.
 */
final class SpanIds {
  static final int TRACE_ID_HEX = 32;
  static final int SPAN_ID_HEX = 16;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
  private static final int MAX_QUOTED = 40;

  private SpanIds() {}

  /** {@code length} bytes of {@code bytes} from {@code offset} as lowercase hex ("" for none). */
  static String hex(byte[] bytes, int offset, int length) {
    if (length == 0) return "";
    byte[] out = new byte[length * 2];
    for (int i = 0; i < length; i++) {
      int b = bytes[offset + i] & 0xff;
      out[2 * i] = HEX[b >>> 4];
      out[2 * i + 1] = HEX[b & 0xf];
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  static String traceId(@Nullable String id) {
    return required("traceId", id, TRACE_ID_HEX);
  }

  static String spanId(@Nullable String id) {
    return required("spanId", id, SPAN_ID_HEX);
  }

  /** Null for a root span (absent, empty or all zeros). */
  static @Nullable String parentSpanId(@Nullable String id) {
    if (id == null || id.isEmpty()) return null;
    String hex = checked("parentSpanId", id, SPAN_ID_HEX);
    return isAllZeros(hex) ? null : hex;
  }

  /** The span id when it is usable, else null (for naming a rejected span). */
  static @Nullable String spanIdOrNull(@Nullable String id) {
    try {
      return spanId(id);
    } catch (InvalidSpanException e) {
      return null;
    }
  }

  private static String required(String field, @Nullable String id, int hexLength) {
    if (id == null || id.isEmpty()) throw new InvalidSpanException(field + " is missing");
    String hex = checked(field, id, hexLength);
    if (isAllZeros(hex))
      throw new InvalidSpanException(field + " is all zeros, which is not a valid id");
    return hex;
  }

  /** The id in lowercase; throws when it is not {@code hexLength} hex characters. */
  private static String checked(String field, String id, int hexLength) {
    if (id.length() != hexLength) throw wrongLength(field, hexLength, id);
    boolean upper = false;
    for (int i = 0; i < hexLength; i++) {
      char c = id.charAt(i);
      if (c >= 'A' && c <= 'F') {
        upper = true;
      } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        throw new InvalidSpanException(field + " is not hex: " + quote(id));
      }
    }
    return upper ? id.toLowerCase(java.util.Locale.ROOT) : id;
  }

  private static InvalidSpanException wrongLength(String field, int hexLength, String id) {
    return new InvalidSpanException(
        field
            + " must be "
            + hexLength / 2
            + " bytes ("
            + hexLength
            + " hex characters), got "
            + quote(id));
  }

  private static boolean isAllZeros(String hex) {
    for (int i = 0; i < hex.length(); i++) {
      if (hex.charAt(i) != '0') return false;
    }
    return true;
  }

  static String quote(String value) {
    return value.length() <= MAX_QUOTED
        ? '"' + value + '"'
        : '"' + value.substring(0, MAX_QUOTED) + "…\" (" + value.length() + " characters)";
  }
}
