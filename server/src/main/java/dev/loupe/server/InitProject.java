package dev.loupe.server;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Project;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A project, and optionally its keys, to create or update at every start ({@code
 * LOUPE_INIT_PROJECT_ID}, {@code _NAME}, {@code _PUBLIC_KEY} + {@code _SECRET_KEY} (Basic) and
 * {@code _API_KEY} (Bearer)), so scripts and tests can start a server with known keys.
 */
public record InitProject(
    String id,
    String name,
    @Nullable String publicKey,
    @Nullable String secretKey,
    @Nullable String apiKey) {

  public InitProject {
    requireNonNull(id, "id");
    try {
      new Project(id, id, Instant.EPOCH); // the model's id rule
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("LOUPE_INIT_PROJECT_ID: " + e.getMessage(), e);
    }
    name = name == null || name.isBlank() ? id : name;
    if ((publicKey == null) != (secretKey == null)) {
      throw new IllegalArgumentException(
          "LOUPE_INIT_PROJECT_PUBLIC_KEY and LOUPE_INIT_PROJECT_SECRET_KEY must be given together");
    }
  }

  /** Keys Basic auth with the given pair, and Bearer auth with the given API key. */
  public static InitProject of(
      String id, @Nullable String publicKey, @Nullable String secretKey, @Nullable String apiKey) {
    return new InitProject(id, id, publicKey, secretKey, apiKey);
  }

  /**
   * Null when no {@code LOUPE_INIT_PROJECT_*} variable is set; an error when some are set but not
   * the id.
   */
  static @Nullable InitProject fromEnv(Map<String, String> env) {
    String id = ServerConfig.text(env, "LOUPE_INIT_PROJECT_ID");
    String name = ServerConfig.text(env, "LOUPE_INIT_PROJECT_NAME");
    String pk = ServerConfig.text(env, "LOUPE_INIT_PROJECT_PUBLIC_KEY");
    String sk = ServerConfig.text(env, "LOUPE_INIT_PROJECT_SECRET_KEY");
    String apiKey = ServerConfig.text(env, "LOUPE_INIT_PROJECT_API_KEY");
    if (id == null) {
      if (name != null || pk != null || sk != null || apiKey != null) {
        throw new IllegalArgumentException(
            "LOUPE_INIT_PROJECT_ID is required with the other LOUPE_INIT_PROJECT_*" + " variables");
      }
      return null;
    }
    return new InitProject(id, name, pk, sk, apiKey);
  }

  @Override
  public String toString() {
    return "InitProject{id="
        + id
        + ", name="
        + name
        + ", publicKey="
        + publicKey
        + ", secretKey="
        + (secretKey == null ? null : "***")
        + ", apiKey="
        + (apiKey == null ? null : "***")
        + "}";
  }
}
