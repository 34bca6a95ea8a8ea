package dev.loupe.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes the value trees ingest builds (maps with string keys, lists, strings, numbers, booleans,
 * nulls, Jackson trees and {@link RawValue}s) as the same compact text {@link Json#MAPPER} gives,
 * without a Jackson generator and serializer lookups per value: those cost more than the writing
 * itself for the small objects every span has (metadata, model parameters). Anything else, or a
 * tree deeper than {@link #MAX_DEPTH}, is left to Jackson whole ({@link #write} returns null), so
 * the text and the errors are Jackson's.
 *
 * <p>The number forms are Jackson's defaults: {@code toString()} for integers, {@code BigDecimal}
 * and {@code BigInteger} ({@code WRITE_BIGDECIMAL_AS_PLAIN} is off), {@code Double.toString} and
 * {@code Float.toString} (the fast writer is off), and NaN and the infinities as strings ({@code
 * QUOTE_NON_NUMERIC_NUMBERS} is on).
 */
final class CompactJson {
  /** Deeper trees go to Jackson, whose nesting limit (1000) then applies. */
  static final int MAX_DEPTH = 100;

  /** Thrown to hand the whole value to Jackson; no stack trace, one instance. */
  private static final class NotHandled extends RuntimeException {
    NotHandled() {
      super(null, null, false, false);
    }
  }

  private static final NotHandled NOT_HANDLED = new NotHandled();

  private CompactJson() {}

  /** {@code value} as compact JSON text, or null when Jackson should write it. */
  static @Nullable String write(Object value) {
    if (value instanceof String s) return JsonStrings.quote(s);
    if (!(value instanceof Map<?, ?> || value instanceof List<?> || value instanceof JsonNode)) {
      return null;
    }
    JsonChars out = new JsonChars(64);
    try {
      append(out, value, 0);
    } catch (NotHandled e) {
      return null;
    }
    return out.toString();
  }

  private static void append(JsonChars out, @Nullable Object v, int depth) {
    if (v == null) out.append("null");
    else if (v instanceof String s) out.appendQuoted(s);
    else if (v instanceof Map<?, ?> m) appendMembers(out, m.entrySet(), depth + 1);
    else if (v instanceof List<?> l) appendElements(out, l, depth + 1);
    else if (v instanceof Number n) appendNumber(out, n);
    else if (v instanceof Boolean b) out.append(b ? "true" : "false");
    else if (v instanceof JsonNode n) appendNode(out, n, depth);
    else if (v instanceof RawValue r && r.rawValue() instanceof String raw) out.append(raw);
    else throw NOT_HANDLED;
  }

  /** An object's members, a {@code Map}'s or an {@code ObjectNode}'s; values as {@link #append}. */
  private static void appendMembers(
      JsonChars out, Iterable<? extends Map.Entry<?, ?>> members, int depth) {
    if (depth > MAX_DEPTH) throw NOT_HANDLED;
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : members) {
      if (!(e.getKey() instanceof String key)) throw NOT_HANDLED;
      if (!first) out.append(',');
      first = false;
      out.appendQuoted(key);
      out.append(':');
      append(out, e.getValue(), depth);
    }
    out.append('}');
  }

  /** An array's elements, a {@code List}'s or an {@code ArrayNode}'s; each as {@link #append}. */
  private static void appendElements(JsonChars out, Iterable<?> elements, int depth) {
    if (depth > MAX_DEPTH) throw NOT_HANDLED;
    out.append('[');
    boolean first = true;
    for (Object v : elements) {
      if (!first) out.append(',');
      first = false;
      append(out, v, depth);
    }
    out.append(']');
  }

  private static void appendNumber(JsonChars out, Number n) {
    if (n instanceof Long
        || n instanceof Integer
        || n instanceof BigDecimal
        || n instanceof BigInteger) out.append(n.toString());
    else if (n instanceof Double d) appendFloating(out, d, Double.isFinite(d));
    else if (n instanceof Float f) appendFloating(out, f, Float.isFinite(f));
    else throw NOT_HANDLED;
  }

  private static void appendFloating(JsonChars out, Number n, boolean finite) {
    if (finite) out.append(n.toString());
    else out.append('"').append(n.toString()).append('"');
  }

  private static void appendNode(JsonChars out, JsonNode n, int depth) {
    if (n instanceof ObjectNode o) appendMembers(out, o.properties(), depth + 1);
    else if (n instanceof ArrayNode a) appendElements(out, a, depth + 1);
    else if (n.isTextual()) out.appendQuoted(n.textValue());
    else if (n.isNumber()) appendNumber(out, n.numberValue());
    else if (n.isBoolean()) out.append(n.booleanValue() ? "true" : "false");
    else if (n.isNull()) out.append("null");
    else throw NOT_HANDLED; // binary, POJO, missing
  }
}
