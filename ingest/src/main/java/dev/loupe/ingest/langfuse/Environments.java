package dev.loupe.ingest.langfuse;

import dev.loupe.model.Trace;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Environment names as Langfuse keeps them: lowercase, leading {@code langfuse-}/{@code langfuse_}
 * prefixes removed, at most 40 characters of {@code [a-z0-9-_]}; anything else is {@code
 * "default"}.
 */
final class Environments {
  static final int MAX_LENGTH = 40;
  private static final Pattern VALID = Pattern.compile("^[a-z0-9-_]+$");

  private Environments() {}

  static String normalize(@Nullable String raw) {
    String env = candidate(raw);
    return isValid(env) ? env : Trace.DEFAULT_ENVIRONMENT;
  }

  /** True when a non-blank {@code raw} could not be kept, so {@code "default"} replaced it. */
  static boolean wasReplaced(@Nullable String raw) {
    return raw != null && !raw.isBlank() && !isValid(candidate(raw));
  }

  private static String candidate(@Nullable String raw) {
    if (raw == null) return "";
    String env = raw.strip().toLowerCase(Locale.ROOT);
    while (env.startsWith("langfuse-") || env.startsWith("langfuse_")) {
      env = env.substring("langfuse-".length());
    }
    return env;
  }

  private static boolean isValid(String env) {
    return env.length() <= MAX_LENGTH && VALID.matcher(env).matches();
  }
}
