package dev.loupe.ingest;

import dev.loupe.model.Bounds;
import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Text as Unicode: an unpaired UTF-16 surrogate (a JSON string may escape one alone) becomes
 * U+FFFD, the replacement character, in every text field but the ids ({@link Bounds} refuses those:
 * two ids must not become one). Left in, it cannot be encoded as UTF-8: DuckDB would keep a {@code
 * ?} (and a different id than the one written), and an API answer holding it could not be written
 * at all.
 */
final class WellFormedText {
  private static final char REPLACEMENT = '\uFFFD';

  private WellFormedText() {}

  static Observation of(Observation o) {
    if (isWellFormed(o)) return o;
    return o.toBuilder()
        .name(fix(o.name()))
        .statusMessage(fix(o.statusMessage()))
        .model(fix(o.model()))
        .modelParameters(fix(o.modelParameters()))
        .input(fix(o.input()))
        .output(fix(o.output()))
        .metadata(fix(o.metadata()))
        .usageDetails(fixKeys(o.usageDetails()))
        .costDetails(fixKeys(o.costDetails()))
        .pricedModelId(fix(o.pricedModelId()))
        .environment(fix(o.environment()))
        .version(fix(o.version()))
        .release(fix(o.release()))
        .promptName(fix(o.promptName()))
        .mappingNotes(fixKeys(o.mappingNotes()))
        .build();
  }

  static Trace of(Trace t) {
    if (isWellFormed(t)) return t;
    return t.toBuilder()
        .name(fix(t.name()))
        .userId(fix(t.userId()))
        .sessionId(fix(t.sessionId()))
        .tags(t.tags().stream().map(WellFormedText::fix).toList())
        .input(fix(t.input()))
        .output(fix(t.output()))
        .metadata(fix(t.metadata()))
        .environment(fix(t.environment()))
        .release(fix(t.release()))
        .version(fix(t.version()))
        .build();
  }

  private static boolean isWellFormed(Observation o) {
    return ok(o.name())
        && ok(o.statusMessage())
        && ok(o.model())
        && ok(o.modelParameters())
        && ok(o.input())
        && ok(o.output())
        && ok(o.metadata())
        && keysOk(o.usageDetails())
        && keysOk(o.costDetails())
        && ok(o.pricedModelId())
        && ok(o.environment())
        && ok(o.version())
        && ok(o.release())
        && ok(o.promptName())
        && entriesOk(o.mappingNotes());
  }

  private static boolean isWellFormed(Trace t) {
    return ok(t.name())
        && ok(t.userId())
        && ok(t.sessionId())
        && allOk(t.tags())
        && ok(t.input())
        && ok(t.output())
        && ok(t.metadata())
        && ok(t.environment())
        && ok(t.release())
        && ok(t.version());
  }

  private static boolean ok(@Nullable String s) {
    return s == null || Bounds.isWellFormed(s);
  }

  /** {@code s} with each unpaired surrogate replaced by U+FFFD. */
  static @Nullable String fix(@Nullable String s) {
    if (ok(s)) return s;
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else {
        out.append(Character.isSurrogate(c) ? REPLACEMENT : c);
      }
    }
    return out.toString();
  }

  private static boolean allOk(List<String> texts) {
    for (String t : texts) if (!ok(t)) return false;
    return true;
  }

  private static boolean entriesOk(Map<String, String> m) {
    for (Map.Entry<String, String> e : m.entrySet())
      if (!ok(e.getKey()) || !ok(e.getValue())) return false;
    return true;
  }

  private static boolean keysOk(Map<String, ?> m) {
    for (String k : m.keySet()) if (!ok(k)) return false;
    return true;
  }

  private static <V> Map<String, V> fixKeys(Map<String, V> m) {
    if (keysOk(m) && !(m.values().stream().anyMatch(v -> v instanceof String s && !ok(s)))) {
      return m;
    }
    Map<String, V> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.merge(fix(k), fixValue(v), (a, b) -> b));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static <V> V fixValue(V v) {
    return v instanceof String s ? (V) fix(s) : v;
  }
}
