package dev.loupe.examples.plain;

import dev.loupe.sdk.Loupe;
import java.io.PrintStream;
import java.util.Map;

/**
 * Records the seed's support-agent trace into Loupe and prints where to read it back.
 *
 * <p>Configuration comes from the environment, as the SDK reads it: {@code LOUPE_BASE_URL} (default
 * {@code http://localhost:3000}), {@code LOUPE_PUBLIC_KEY}, {@code LOUPE_SECRET_KEY}; or the
 * Langfuse names {@code LANGFUSE_BASE_URL}, {@code LANGFUSE_PUBLIC_KEY}, {@code
 * LANGFUSE_SECRET_KEY}; or Lemma's {@code LEMMA_BASE_URL}, {@code LEMMA_API_KEY}, {@code
 * LEMMA_PROJECT_ID}.
 */
public final class SeedExample {
  static final String DEFAULT_BASE_URL = "http://localhost:3000";

  private SeedExample() {}

  public static void main(String[] args) {
    SupportAgent.Run run = run(System.getenv(), System.out);
    System.exit(run == null ? 1 : 0);
  }

  /**
   * Records one trace with a Loupe configured from {@code env}, flushes it and prints its id and
   * URL to {@code out}.
   *
   * @return the run, or null when Loupe is not configured or the export failed (explained on out)
   */
  static SupportAgent.Run run(Map<String, String> env, PrintStream out) {
    try (Loupe loupe = Loupe.builder().env(env).shutdownHook(false).build()) {
      if (!loupe.isEnabled()) {
        out.println(
            "Loupe is not configured: set LOUPE_PUBLIC_KEY and LOUPE_SECRET_KEY (or LANGFUSE_*),"
                + " as printed by `./loupe server` on its first start");
        return null;
      }
      SupportAgent.Run run = new SupportAgent(loupe, new FakeModel()).handle();
      out.println("reply: " + run.reply());
      if (!loupe.flush()) {
        out.println("export to " + baseUrl(env) + " failed; is Loupe running there?");
        return null;
      }
      out.println("trace id: " + run.traceId());
      out.println(
          "read it back (Basic auth with your key pair): GET "
              + baseUrl(env)
              + "/api/public/traces/"
              + run.traceId());
      return run;
    }
  }

  /** The server the example exports to (the SDK's default when no variable names one). */
  static String baseUrl(Map<String, String> env) {
    for (String name :
        new String[] {"LOUPE_BASE_URL", "LANGFUSE_BASE_URL", "LANGFUSE_HOST", "LEMMA_BASE_URL"}) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) return stripSlash(value.strip());
    }
    return DEFAULT_BASE_URL;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
