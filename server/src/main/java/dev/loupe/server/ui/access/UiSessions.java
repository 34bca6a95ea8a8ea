package dev.loupe.server.ui.access;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Signed-in UI sessions as signed tokens (the cookie value): who signed in, for which project,
 * until when, signed with HMAC-SHA256 under a key every node of one store shares ({@code
 * LOUPE_SESSION_SECRET}, else {@code <dataDir>/session.key}). Any node that has the key accepts a
 * session another node started, and nothing is kept per session, so a restart signs nobody out.
 *
 * <p>A token is {@code v1.<payload>.<mac>} (URL-safe base64), the payload {@code
 * admin|expiresAt|nonce|projectId}. A session ends when its lifetime has passed; logout clears the
 * cookie and refuses the token on the node that signed it out until it would have expired. Other
 * nodes do not learn of a logout: a copy of the token taken before it stays valid there until it
 * expires (12 h), or until the key changes, which ends every session.
 */
public final class UiSessions {
  static final Duration LIFETIME = Duration.ofHours(12);
  private static final String VERSION = "v1";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_ENDED = 100_000;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final Clock clock;
  private final SecretKeySpec key;
  private final Map<String, Instant> ended = new ConcurrentHashMap<>(); // nonce -> expiry

  /** Who a session is: the project it reads, and whether it signed in with the admin password. */
  public record SignedIn(String projectId, boolean admin) {}

  private record Token(String projectId, boolean admin, Instant expiresAt, String nonce) {}

  /**
   * @param key the signing key, at least 32 bytes; every node that should accept the sessions of
   *     the others has the same
   */
  public UiSessions(Clock clock, byte[] key) {
    this.clock = requireNonNull(clock, "clock");
    if (key.length < 32) throw new IllegalArgumentException("session key < 32 bytes");
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  /** Starts a key-pair session for the project; returns its token. */
  String create(String projectId) {
    return create(projectId, false);
  }

  /**
   * Starts a session for the project; an admin session may switch projects. Returns its token (a
   * nonce of 128 random bits makes every token distinct).
   */
  String create(String projectId, boolean admin) {
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    return sign(
        new Token(projectId, admin, clock.instant().plus(LIFETIME), B64.encodeToString(nonce)));
  }

  /** The session's project, or empty when the token is not valid or expired. */
  Optional<String> projectId(@Nullable String token) {
    return signedIn(token).map(SignedIn::projectId);
  }

  /** The live session, or empty when the token is forged, damaged, expired or signed out. */
  public Optional<SignedIn> signedIn(@Nullable String token) {
    return verify(token).map(t -> new SignedIn(t.projectId(), t.admin()));
  }

  /**
   * A token for an admin session pointed at another project (same lifetime), or empty for other
   * sessions; the caller sets it as the cookie.
   */
  Optional<String> switchProject(@Nullable String token, String projectId) {
    Optional<Token> t = verify(token);
    if (t.isEmpty() || !t.get().admin()) return Optional.empty();
    return Optional.of(sign(new Token(projectId, true, t.get().expiresAt(), t.get().nonce())));
  }

  /** Refuses the token here from now on (its cookie is cleared by the caller). */
  void end(@Nullable String token) {
    Optional<Token> t = verify(token);
    if (t.isEmpty()) return;
    Instant now = clock.instant();
    if (ended.size() >= MAX_ENDED) ended.values().removeIf(expiry -> !now.isBefore(expiry));
    ended.put(t.get().nonce(), t.get().expiresAt());
  }

  private String sign(Token t) {
    String payload =
        (t.admin() ? "a" : "k")
            + "|"
            + t.expiresAt().getEpochSecond()
            + "|"
            + t.nonce()
            + "|"
            + t.projectId();
    String body = VERSION + "." + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    return body + "." + B64.encodeToString(mac(body));
  }

  private Optional<Token> verify(@Nullable String token) {
    if (token == null) return Optional.empty();
    int last = token.lastIndexOf('.');
    if (last < 0 || !token.startsWith(VERSION + ".")) return Optional.empty();
    String body = token.substring(0, last);
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(token.substring(last + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(given, mac(body))) return Optional.empty();
    String payload;
    try {
      payload =
          new String(
              Base64.getUrlDecoder().decode(body.substring(VERSION.length() + 1)),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String[] parts = payload.split("\\|", 4);
    if (parts.length != 4) return Optional.empty();
    Instant expiresAt;
    try {
      expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[1]));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(expiresAt) || ended.containsKey(parts[2]))
      return Optional.empty();
    return Optional.of(new Token(parts[3], parts[0].equals("a"), expiresAt, parts[2]));
  }

  private byte[] mac(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
