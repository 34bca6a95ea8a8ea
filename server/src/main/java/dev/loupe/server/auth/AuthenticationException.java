package dev.loupe.server.auth;

/** The request's credentials are missing or wrong for the route (HTTP 401). */
public class AuthenticationException extends RuntimeException {
  private final Access access;

  public AuthenticationException(Access access, String message) {
    super(message);
    this.access = access;
  }

  /** What the route accepts, for the {@code WWW-Authenticate} challenge. */
  public Access access() {
    return access;
  }
}
