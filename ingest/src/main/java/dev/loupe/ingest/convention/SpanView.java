package dev.loupe.ingest.convention;

import dev.loupe.ingest.otlp.SpanRecord;
import dev.loupe.model.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One span as the rules read it: attribute lookups that skip empty values, and the span's flattened
 * keys sorted into {@link KeyGroup}s in a single pass, so no rule scans all attributes again. One
 * per span, not shared.
 */
final class SpanView {
  final SpanRecord span;
  final Map<String, Object> attributes;
  final Map<String, Object> resource;
  final String scope;
  private final List<@Nullable List<String>> groups;

  /**
   * One bit per key hash ({@link #bit}) of the span's attributes: rules ask for many more keys than
   * a span has, and a clear bit answers "absent" without a map lookup.
   */
  private final long keyBits;

  SpanView(SpanRecord span) {
    this.span = span;
    this.attributes = span.attributes();
    this.resource = span.resourceAttributes();
    this.scope = span.scopeName() == null ? "" : span.scopeName();
    this.groups = new ArrayList<>(Collections.nCopies(KeyGroup.values().length, null));
    long bits = 0;
    for (String key : attributes.keySet()) {
      bits |= bit(key);
      KeyGroup g = KeyGroup.of(key);
      if (g == null) continue;
      List<String> keys = groups.get(g.ordinal());
      if (keys == null) groups.set(g.ordinal(), keys = new ArrayList<>(4));
      keys.add(key);
    }
    this.keyBits = bits;
  }

  private static long bit(String key) {
    int h = key.hashCode();
    return 1L << (h ^ (h >>> 16));
  }

  /**
   * The attribute's value when meaningful (not absent, not an empty string, list or map), else
   * null.
   */
  @Nullable Object attr(String key) {
    if ((keyBits & bit(key)) == 0) return null;
    Object v = attributes.get(key);
    return Values.meaningful(v) ? v : null;
  }

  boolean has(String key) {
    return attr(key) != null;
  }

  /** The attribute as text (non-strings as JSON), or null. */
  @Nullable String string(String key) {
    Object v = attr(key);
    return v == null ? null : Values.text(v);
  }

  /** The first of {@code keys} with a meaningful value, or null. */
  @Nullable String firstKey(String... keys) {
    for (String k : keys) {
      if (attr(k) != null) return k;
    }
    return null;
  }

  /** A resource attribute's value when meaningful, else null. */
  @Nullable Object resourceAttr(String key) {
    Object v = resource.get(key);
    return Values.meaningful(v) ? v : null;
  }

  /** The span's keys in {@code group}, in wire order (empty when none). */
  List<String> keys(KeyGroup group) {
    List<String> keys = groups.get(group.ordinal());
    return keys == null ? List.of() : keys;
  }

  boolean scopeIs(String name) {
    return scope.equals(name);
  }

  /** The start (OTLP times are unsigned nanoseconds; 0 is unset), else the end. */
  Instant start() {
    long nanos = span.startEpochNanos() != 0 ? span.startEpochNanos() : span.endEpochNanos();
    return Times.fromEpochNanos(nanos);
  }

  @Nullable Instant end() {
    return span.endEpochNanos() != 0 ? Times.fromEpochNanos(span.endEpochNanos()) : null;
  }

  /** The parent span id, or null for a root (absent, blank or all zeros). */
  @Nullable String parentId() {
    String p = span.parentSpanId();
    if (p == null || p.isBlank()) return null;
    for (int i = 0; i < p.length(); i++) {
      if (p.charAt(i) != '0') return p;
    }
    return null;
  }
}
