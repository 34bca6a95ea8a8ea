package dev.loupe.ingest.langfuse;

import dev.loupe.ingest.convention.EnvironmentRule;
import org.jspecify.annotations.Nullable;

/**
 * Environment names as Langfuse keeps them, by the same rule as OTLP ingest ({@link
 * EnvironmentRule#normalize}): lowercase, leading {@code langfuse-}/{@code langfuse_} prefixes
 * removed, at most 40 characters of {@code [a-z0-9-_]}; anything else is {@code "default"}.
 */
final class Environments {
  static final int MAX_LENGTH = EnvironmentRule.MAX_LENGTH;

  private Environments() {}

  static String normalize(@Nullable String raw) {
    return EnvironmentRule.normalize(raw);
  }

  /** True when a non-blank {@code raw} could not be kept, so {@code "default"} replaced it. */
  static boolean wasReplaced(@Nullable String raw) {
    return EnvironmentRule.isReplaced(raw);
  }
}
