package dev.loupe.server.auth;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.ApiKey;
import dev.loupe.storage.ProjectStore;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a request's credentials to the project it may act on. Basic: {@code
 * base64(publicKey:secretKey)}. Bearer: an API key plus {@code X-Lemma-Project-ID}, and the key
 * must belong to that project. Secrets are compared by hash in constant time; successes are cached
 * for 5 s (keyed by a hash of the credentials, at most 10,000), so a key changed through another
 * node that shares the store is seen here within 5 s.
 */
public final class Authenticator {
  public static final String PROJECT_HEADER = "X-Lemma-Project-ID";
  static final long CACHE_NANOS = 5_000_000_000L;
  private static final int CACHE_MAX = 10_000;

  private final ProjectStore projects;
  private final LongSupplier nanoClock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(String projectId, long expiresAtNanos) {}

  public Authenticator(ProjectStore projects) {
    this(projects, System::nanoTime);
  }

  Authenticator(ProjectStore projects, LongSupplier nanoClock) {
    this.projects = requireNonNull(projects, "projects");
    this.nanoClock = nanoClock;
  }

  /**
   * The authenticated project's id.
   *
   * @throws AuthenticationException when the credentials are missing, malformed, of a kind the
   *     route does not take, or wrong
   */
  public String authenticate(
      Access access, @Nullable String authorization, @Nullable String projectHeader) {
    if (authorization == null || authorization.isBlank()) {
      throw new AuthenticationException(
          access, "missing Authorization header; " + expected(access));
    }
    String cacheKey = ApiKeys.sha256Hex(authorization + "\n" + projectHeader);
    Cached hit = cache.get(cacheKey);
    long now = nanoClock.getAsLong();
    String scheme = scheme(authorization);
    boolean basic = scheme.equals("basic");
    if (!(basic || scheme.equals("bearer"))
        || (basic ? access == Access.BEARER : access == Access.BASIC)) {
      throw new AuthenticationException(
          access, "unsupported Authorization scheme; " + expected(access));
    }
    if (hit != null && now - hit.expiresAtNanos < 0) return hit.projectId;
    String credentials = authorization.strip().substring(scheme.length()).strip();
    String projectId =
        basic ? basic(access, credentials) : bearer(access, credentials, projectHeader);
    if (cache.size() >= CACHE_MAX) cache.clear();
    cache.put(cacheKey, new Cached(projectId, now + CACHE_NANOS));
    return projectId;
  }

  private String basic(Access access, String credentials) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new AuthenticationException(access, "malformed Basic credentials: not base64");
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new AuthenticationException(
          access, "malformed Basic credentials: expected publicKey:secretKey");
    }
    Optional<ApiKey> key = projects.key(ApiKey.Kind.BASIC, decoded.substring(0, colon));
    if (key.isEmpty() || !ApiKeys.matches(decoded.substring(colon + 1), key.get().secretHash())) {
      throw new AuthenticationException(access, "invalid public key or secret key");
    }
    return key.get().projectId();
  }

  private String bearer(Access access, String token, @Nullable String projectHeader) {
    if (projectHeader == null || projectHeader.isBlank()) {
      throw new AuthenticationException(
          access,
          "missing "
              + PROJECT_HEADER
              + " header; Bearer keys are sent with"
              + " the id of their project");
    }
    Optional<ApiKey> key = projects.key(ApiKey.Kind.BEARER, ApiKeys.bearerKeyId(token));
    if (key.isEmpty()
        || !ApiKeys.matches(token, key.get().secretHash())
        || !key.get().projectId().equals(projectHeader.strip())) {
      throw new AuthenticationException(
          access, "invalid API key for project " + projectHeader.strip());
    }
    return key.get().projectId();
  }

  private static String scheme(String authorization) {
    String a = authorization.strip();
    int space = a.indexOf(' ');
    return (space < 0 ? a : a.substring(0, space)).toLowerCase(Locale.ROOT);
  }

  private static String expected(Access access) {
    return switch (access) {
      case BASIC -> "send Authorization: Basic base64(publicKey:secretKey)";
      case BEARER ->
          "send Authorization: Bearer <api key> with " + PROJECT_HEADER + ": <project id>";
      case ANY, NONE ->
          "send Authorization: Basic base64(publicKey:secretKey), or Authorization: Bearer <api key>"
              + " with "
              + PROJECT_HEADER
              + ": <project id>";
    };
  }
}
