package dev.loupe.pricing;

import dev.loupe.model.ModelPrice;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Compiled regexes by source text and flags. Bounded: when full it starts over, so a flood of
 * distinct patterns costs recompilation, never memory.
 */
final class PatternCache {
  private final int maxSize;
  private final ConcurrentHashMap<String, Pattern> plain = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Pattern> caseInsensitive = new ConcurrentHashMap<>();

  PatternCache(int maxSize) {
    if (maxSize <= 0) throw new IllegalArgumentException("maxSize <= 0");
    this.maxSize = maxSize;
  }

  /** The pattern compiled as written (flags inline, e.g. {@code (?i)}). */
  Pattern get(String regex) {
    return lookup(plain, regex, false);
  }

  /** The pattern compiled case-insensitively unless {@code caseSensitive}. */
  Pattern get(String regex, boolean caseSensitive) {
    return caseSensitive ? get(regex) : lookup(caseInsensitive, regex, true);
  }

  private Pattern lookup(ConcurrentHashMap<String, Pattern> map, String regex, boolean ignoreCase) {
    Pattern p = map.get(regex);
    if (p != null) return p;
    if (map.size() >= maxSize) map.clear();
    p =
        ignoreCase
            ? Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
            : ModelPrice.compile(regex);
    map.put(regex, p);
    return p;
  }
}
