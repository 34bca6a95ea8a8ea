package dev.loupe.server.ui.access;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Signed-in UI sessions, in memory: a random id (the cookie value) to the project it may read. A
 * session ends at logout or when its lifetime has passed; a restart signs everyone out.
 */
public final class UiSessions {
  static final Duration LIFETIME = Duration.ofHours(12);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_SESSIONS = 100_000;

  private final Clock clock;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  private record Session(String projectId, boolean admin, Instant expiresAt) {}

  /** Who a session is: the project it reads, and whether it signed in with the admin password. */
  public record SignedIn(String projectId, boolean admin) {}

  public UiSessions(Clock clock) {
    this.clock = clock;
  }

  /** Starts a key-pair session for the project; returns its id. */
  String create(String projectId) {
    return create(projectId, false);
  }

  /**
   * Starts a session for the project; an admin session may switch projects. Returns its id (256
   * random bits, URL-safe base64).
   */
  String create(String projectId, boolean admin) {
    Instant now = clock.instant();
    if (sessions.size() >= MAX_SESSIONS) sessions.values().removeIf(s -> expired(s, now));
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    sessions.put(id, new Session(projectId, admin, now.plus(LIFETIME)));
    return id;
  }

  /** The session's project, or empty when the id is unknown or expired. */
  Optional<String> projectId(@Nullable String sessionId) {
    return signedIn(sessionId).map(SignedIn::projectId);
  }

  /** The live session, or empty when the id is unknown or expired. */
  public Optional<SignedIn> signedIn(@Nullable String sessionId) {
    if (sessionId == null) return Optional.empty();
    Session s = sessions.get(sessionId);
    if (s == null) return Optional.empty();
    if (expired(s, clock.instant())) {
      sessions.remove(sessionId, s);
      return Optional.empty();
    }
    return Optional.of(new SignedIn(s.projectId(), s.admin()));
  }

  /** Points an admin session at another project; false for other sessions. */
  boolean switchProject(@Nullable String sessionId, String projectId) {
    if (sessionId == null) return false;
    Session s = sessions.get(sessionId);
    if (s == null || !s.admin() || expired(s, clock.instant())) return false;
    return sessions.replace(sessionId, s, new Session(projectId, true, s.expiresAt()));
  }

  void end(@Nullable String sessionId) {
    if (sessionId != null) sessions.remove(sessionId);
  }

  private static boolean expired(Session s, Instant now) {
    return !now.isBefore(s.expiresAt());
  }
}
