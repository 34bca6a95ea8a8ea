package dev.loupe.evaluation;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One prompt variable filled from the judged object: {@code {{variable}}} gets {@code source}, or
 * the part of it {@code jsonPath} selects ({@code $.a.b[0]}).
 */
public record VariableMapping(String variable, Source source, @Nullable String jsonPath) {
  public VariableMapping {
    if (variable == null || variable.isBlank())
      throw new IllegalArgumentException("mapping.variable: is required");
    requireNonNull(source, "source");
    jsonPath = jsonPath == null || jsonPath.isBlank() ? null : jsonPath;
    if (jsonPath != null) JsonPath.parse("mapping[" + variable + "].jsonPath", jsonPath);
  }
}
