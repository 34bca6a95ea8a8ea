package dev.loupe.query;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The query parameters of one request: each name with its values in request order. Blank values
 * count as absent. Accessors validate and throw {@link InvalidParameterException} naming the
 * parameter.
 *
 * <pre>{@code
 * QueryParams p = QueryParams.parse("tags=a&tags=b&limit=10");
 * p.strings("tags");           // [a, b]
 * p.integer("limit", 50, 1, 100); // 10
 * }</pre>
 */
public record QueryParams(Map<String, List<String>> values) {
  public static final QueryParams EMPTY = new QueryParams(Map.of());

  public QueryParams {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          List<String> present =
              v.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
          if (!present.isEmpty()) copy.put(k, present);
        });
    values = Map.copyOf(copy);
  }

  /**
   * Parses a raw (still percent-encoded) query string such as {@code a=1&b=x%20y}; null means none.
   */
  public static QueryParams parse(@Nullable String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) return EMPTY;
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq), "query string");
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
      values.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
    }
    return new QueryParams(values);
  }

  private static String decode(String s, String parameter) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(parameter, "bad percent-encoding");
    }
  }

  /**
   * {@code page} (1-based, default 1) and {@code limit} (1..100, default 50), as every list takes.
   */
  public dev.loupe.storage.Paging paging() {
    return ApiParams.paging(this);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /**
   * The single value of a parameter; null when absent; 400 when given more than once with different
   * values.
   */
  public @Nullable String string(String name) {
    List<String> all = strings(name);
    if (all.isEmpty()) return null;
    if (all.stream().distinct().count() > 1) {
      throw new InvalidParameterException(name, "expected one value, got " + all.size());
    }
    return all.get(0);
  }

  /** All values of a repeatable parameter, in request order. */
  public List<String> strings(String name) {
    return values.getOrDefault(name, List.of());
  }

  /** An integer in {@code [min, max]}, or {@code dflt} when absent. */
  public int integer(String name, int dflt, int min, int max) {
    String v = string(name);
    if (v == null) return dflt;
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new InvalidParameterException(name, "not an integer: '" + v + "'");
    }
    if (n < min || n > max) {
      throw new InvalidParameterException(
          name, "must be between " + min + " and " + max + ", got " + n);
    }
    return n;
  }

  /**
   * An ISO-8601 instant ({@code 2025-01-31T12:00:00Z}, with an offset, or without a zone meaning
   * UTC), or a date ({@code 2025-01-31}, meaning its start in UTC); null when absent.
   */
  public @Nullable Instant instant(String name) {
    String v = string(name);
    if (v == null) return null;
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException notInstant) {
      try {
        return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notLocal) {
        try {
          return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notDate) {
          throw new InvalidParameterException(name, "not an ISO-8601 timestamp: '" + v + "'");
        }
      }
    }
  }

  /**
   * A value from a closed set, via {@code parser} (empty when unknown); null when absent.
   *
   * @param allowed the accepted values, for the error message
   */
  public <E> @Nullable E choice(String name, Function<String, Optional<E>> parser, String allowed) {
    String v = string(name);
    if (v == null) return null;
    return parser
        .apply(v)
        .orElseThrow(
            () ->
                new InvalidParameterException(
                    name, "unknown value '" + v + "'; expected one of " + allowed));
  }
}
