package dev.loupe.server.ui.access;

import org.jspecify.annotations.Nullable;

/** The session cookie: reading it from a {@code Cookie} header and writing {@code Set-Cookie}. */
public final class Cookies {
  static final String SESSION = "loupe_session";
  private static final String ATTRIBUTES = "; Path=/ui; HttpOnly; SameSite=Strict";

  private Cookies() {}

  /** The value of the session cookie in a {@code Cookie} request header, or null. */
  public static @Nullable String session(@Nullable String cookieHeader) {
    if (cookieHeader == null) return null;
    for (String pair : cookieHeader.split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).strip().equals(SESSION)) {
        String value = pair.substring(eq + 1).strip();
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }

  /**
   * The session cookie; {@code secure} (the browser reached Loupe over HTTPS, e.g. through a proxy
   * that says so in {@code X-Forwarded-Proto}) adds the Secure attribute.
   */
  static String set(String sessionId, boolean secure) {
    return SESSION
        + "="
        + sessionId
        + ATTRIBUTES
        + "; Max-Age="
        + UiSessions.LIFETIME.toSeconds()
        + (secure ? "; Secure" : "");
  }

  static String clear() {
    return SESSION + "=" + ATTRIBUTES + "; Max-Age=0";
  }
}
