package dev.loupe.evaluation;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A check with no external call, scored 1 (passes) or 0 (fails) with a comment saying why.
 *
 * <ul>
 *   <li>{@code json_valid}: the field (by default the output) is a JSON object or array, or a
 *       string holding one.
 *   <li>{@code regex} / {@code contains} / {@code not_contains}: the field's text matches {@code
 *       pattern} (found anywhere) / contains {@code pattern} / does not.
 *   <li>{@code length}: the field's text is {@code min}..{@code max} characters.
 *   <li>{@code latency}: the latency in seconds is {@code min}..{@code max}.
 *   <li>{@code cost}: the total cost in USD is {@code min}..{@code max}.
 *   <li>{@code tool_call}: a tool was called (with {@code pattern}: one whose name matches it).
 * </ul>
 */
public record CodeCheck(
    Kind kind,
    Source source,
    @Nullable String jsonPath,
    @Nullable String pattern,
    @Nullable Double min,
    @Nullable Double max) {

  /** What is checked. */
  public enum Kind {
    JSON_VALID,
    REGEX,
    CONTAINS,
    NOT_CONTAINS,
    LENGTH,
    LATENCY,
    COST,
    TOOL_CALL;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Kind fromWire(String v) {
      for (Kind k : values()) if (k.wire().equals(v)) return k;
      throw new IllegalArgumentException(
          "check.kind: json_valid, regex, contains, not_contains, length, latency, cost or"
              + " tool_call, got '"
              + v
              + "'");
    }
  }

  public CodeCheck {
    requireNonNull(kind, "kind");
    source = source == null ? Source.OUTPUT : source;
    jsonPath = jsonPath == null || jsonPath.isBlank() ? null : jsonPath;
    if (jsonPath != null) JsonPath.parse("check.jsonPath", jsonPath);
    switch (kind) {
      case REGEX -> {
        required(pattern);
        try {
          Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException(
              "check.pattern: not a regular expression: " + e.getDescription());
        }
      }
      case CONTAINS, NOT_CONTAINS -> required(pattern);
      case LENGTH, LATENCY, COST -> {
        if (min == null && max == null)
          throw new IllegalArgumentException(
              "check.min: a " + kind.wire() + " check needs min or max");
        if (min != null && max != null && min > max)
          throw new IllegalArgumentException("check.min: is greater than max");
      }
      case JSON_VALID, TOOL_CALL -> {}
    }
  }

  private static void required(@Nullable String pattern) {
    if (pattern == null || pattern.isEmpty())
      throw new IllegalArgumentException("check.pattern: is required");
  }
}
