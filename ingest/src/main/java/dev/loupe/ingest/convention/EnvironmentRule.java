package dev.loupe.ingest.convention;

import dev.loupe.model.Trace;
import dev.loupe.semconv.CommonAttributes;
import dev.loupe.semconv.LangfuseAttributes;
import dev.loupe.semconv.LemmaAttributes;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The environment: {@code langfuse.environment}, {@code deployment.environment.name}, {@code
 * deployment.environment}, {@code lemma.environment} (each looked up on the span, then the
 * resource), normalized by {@link #normalize}.
 */
public final class EnvironmentRule {
  /** Longest environment name kept. */
  public static final int MAX_LENGTH = 40;

  private static final String[] KEYS = {
    LangfuseAttributes.ENVIRONMENT,
    CommonAttributes.DEPLOYMENT_ENVIRONMENT_NAME,
    CommonAttributes.DEPLOYMENT_ENVIRONMENT,
    LemmaAttributes.ENVIRONMENT
  };

  private EnvironmentRule() {}

  static String apply(SpanView s) {
    for (String key : KEYS) {
      Object v = s.attr(key);
      if (v == null) v = s.resourceAttr(key);
      if (v != null) return normalize(Values.text(v));
    }
    return Trace.DEFAULT_ENVIRONMENT;
  }

  /**
   * An environment as stored: lowercased, leading {@code langfuse-}/{@code langfuse_} prefixes
   * removed, and kept only when it is 1–40 characters of {@code [a-z0-9-_]}; anything else is
   * {@code "default"}.
   */
  public static String normalize(@Nullable String raw) {
    String env = keptOrNull(raw);
    return env == null ? Trace.DEFAULT_ENVIRONMENT : env;
  }

  /** True when a non-blank {@code raw} could not be kept, so {@code "default"} replaces it. */
  public static boolean isReplaced(@Nullable String raw) {
    return raw != null && !raw.isBlank() && keptOrNull(raw) == null;
  }

  private static @Nullable String keptOrNull(@Nullable String raw) {
    if (raw == null) return null;
    String env = raw.strip().toLowerCase(Locale.ROOT);
    while (env.startsWith("langfuse-") || env.startsWith("langfuse_"))
      env = env.substring("langfuse-".length());
    if (env.isEmpty() || env.length() > MAX_LENGTH) return null;
    for (int i = 0; i < env.length(); i++) {
      char c = env.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!ok) return null;
    }
    return env;
  }
}
