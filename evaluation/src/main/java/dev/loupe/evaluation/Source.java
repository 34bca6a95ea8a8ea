package dev.loupe.evaluation;

import java.util.Locale;

/**
 * A field of the judged trace or observation that a variable or a check reads (wire: lower case).
 */
public enum Source {
  INPUT,
  OUTPUT,
  METADATA,
  /** The metadata's {@code expected_output} (or {@code expectedOutput}): what an experiment set. */
  EXPECTED_OUTPUT,
  /** The tool calls: tool observations and the {@code tool_calls} of generation outputs. */
  TOOL_CALLS;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Source fromWire(String field, String v) {
    for (Source s : values()) if (s.wire().equals(v) || s.name().equals(v)) return s;
    throw new IllegalArgumentException(
        field + ": input, output, metadata, expected_output or tool_calls, got '" + v + "'");
  }
}
