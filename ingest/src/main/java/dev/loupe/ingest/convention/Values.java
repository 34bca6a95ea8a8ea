package dev.loupe.ingest.convention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import dev.loupe.model.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Conversions of decoded attribute values ({@code String}, {@code Long}, {@code Double}, {@code
 * Boolean}, {@code byte[]}, {@code List}, {@code Map}) into what the model keeps.
 */
final class Values {
  /**
   * Reads decimals as {@code BigDecimal} so costs and numbers keep the digits that were sent, and
   * rejects trailing text: without that, Jackson reads {@code "3 documents"} as the number 3.
   */
  private static final ObjectReader READER =
      Json.MAPPER
          .reader()
          .with(
              DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS,
              DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

  private static final String JSON_STARTS = "{[\"-0123456789tfn";

  private Values() {}

  /** Present and not an empty string, list or map. */
  static boolean meaningful(@Nullable Object v) {
    if (v == null) return false;
    if (v instanceof String s) return !s.isEmpty();
    if (v instanceof List<?> l) return !l.isEmpty();
    if (v instanceof Map<?, ?> m) return !m.isEmpty();
    return true;
  }

  /** Strings as they are; everything else as JSON text. */
  static String text(Object v) {
    return v instanceof String s ? s : Json.write(v);
  }

  /**
   * A value as JSON text: a string holding one whole JSON value is kept (compacted), any other
   * string becomes a JSON string; other values are written as JSON.
   */
  static String jsonText(Object v) {
    if (!(v instanceof String s)) return Json.write(v);
    int i = firstNonSpace(s);
    String compact = i < s.length() && JSON_STARTS.indexOf(s.charAt(i)) >= 0 ? compact(s) : null;
    return compact != null ? compact : Json.quote(s);
  }

  /**
   * One whole JSON value without insignificant whitespace (numbers and escapes exactly as sent);
   * null if not JSON. Text that is already compact (what most SDKs send) is kept as it is.
   */
  private static @Nullable String compact(String s) {
    return switch (JsonCheck.check(s)) {
      case JsonCheck.COMPACT -> s;
      case JsonCheck.SPACED -> withoutSpace(s);
      default -> null;
    };
  }

  /**
   * {@code s}, a valid JSON text, without whitespace outside its strings: the runs between spaces
   * copied as they are, so nothing inside a string changes; {@code s} itself when it has none.
   */
  static String withoutSpace(String s) {
    StringBuilder out = null;
    int copied = 0;
    boolean inString = false;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (inString) {
        if (c == '\\') i++;
        else if (c == '"') inString = false;
      } else if (c == '"') {
        inString = true;
      } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        if (out == null) out = new StringBuilder(s.length());
        out.append(s, copied, i);
        copied = i + 1;
      }
    }
    if (out == null) return s;
    return out.append(s, copied, s.length()).toString();
  }

  /**
   * A value to embed inside a JSON tree: strings holding a JSON object or array become that tree,
   * other strings and values stay as they are.
   */
  static Object embeddable(Object v) {
    if (v instanceof String s) {
      JsonNode node = parseStructure(s);
      return node != null ? node : s;
    }
    return v;
  }

  /** A string holding a JSON object or array, parsed; null for anything else. */
  static @Nullable JsonNode parseStructure(String s) {
    int i = firstNonSpace(s);
    if (i == s.length() || (s.charAt(i) != '{' && s.charAt(i) != '[')) return null;
    return parse(s);
  }

  private static int firstNonSpace(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    return i;
  }

  /**
   * A JSON text parsed (one whole value, decimals as BigDecimal); null when it is not JSON. Plain
   * objects of counts (usage objects) are read by {@link CountObjects}, the same tree faster.
   */
  static @Nullable JsonNode parse(String s) {
    JsonNode counts = CountObjects.parse(s);
    return counts != null ? counts : parseWithJackson(s);
  }

  /**
   * {@link #parse} by Jackson alone. A number no {@code BigDecimal} holds (an exponent beyond an
   * int, {@code 1E07390010160}) is a {@code NumberFormatException} from Jackson, not a parse error:
   * such text is not JSON Loupe can read either, so it stays text rather than failing the span.
   */
  static @Nullable JsonNode parseWithJackson(String s) {
    try {
      JsonNode node = READER.readTree(s);
      return node == null || node.isMissingNode() ? null : node;
    } catch (JsonProcessingException | NumberFormatException e) {
      return null;
    }
  }

  /** A value as a JSON tree: a Map or List as is, a string holding JSON parsed; null otherwise. */
  static @Nullable JsonNode tree(@Nullable Object v) {
    if (v instanceof String s) return parse(s);
    if (v instanceof Map<?, ?> || v instanceof List<?>) return Json.MAPPER.valueToTree(v);
    return null;
  }

  /** A whole, non-negative count; null for anything that is not a number. Fractions are rounded. */
  static @Nullable Long count(@Nullable Object v) {
    if (v instanceof Long l) return Math.max(l, 0);
    if (v instanceof Integer i) return (long) Math.max(i, 0);
    if (v instanceof Double d)
      return d.isNaN() || d.isInfinite() ? null : Math.max(Math.round(d), 0);
    if (v instanceof BigDecimal b) return count(b);
    if (v instanceof JsonNode n)
      return n.isNumber() ? count(n.decimalValue()) : n.isTextual() ? count(n.asText()) : null;
    if (v instanceof String s) {
      BigDecimal d = decimal(s);
      return d == null ? null : count(d);
    }
    return null;
  }

  /**
   * Rounded, clamped to [0, {@code Long.MAX_VALUE}]: never scaled when far outside, so that a short
   * text such as {@code 1e99999999} (a hundred million digits) costs nothing.
   */
  private static long count(BigDecimal b) {
    if (b.compareTo(HALF) < 0) return 0;
    if (b.compareTo(LONG_MAX) >= 0) return Long.MAX_VALUE;
    return b.setScale(0, RoundingMode.HALF_UP).longValue();
  }

  private static final BigDecimal HALF = new BigDecimal("0.5");
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  /** A decimal amount; null for anything that is not a number. */
  static @Nullable BigDecimal decimal(@Nullable Object v) {
    if (v instanceof BigDecimal b) return b;
    if (v instanceof Long l) return BigDecimal.valueOf(l);
    if (v instanceof Integer i) return BigDecimal.valueOf(i);
    if (v instanceof Double d) return d.isNaN() || d.isInfinite() ? null : BigDecimal.valueOf(d);
    if (v instanceof JsonNode n)
      return n.isNumber() ? n.decimalValue() : n.isTextual() ? decimal(n.asText()) : null;
    if (v instanceof String s) {
      String t = s.strip();
      if (t.isEmpty() || t.length() > 64) return null;
      try {
        return new BigDecimal(t);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** True for {@code Boolean.TRUE} and the string {@code "true"} (any case). */
  static boolean isTrue(@Nullable Object v) {
    return Boolean.TRUE.equals(v) || (v instanceof String s && s.strip().equalsIgnoreCase("true"));
  }
}
