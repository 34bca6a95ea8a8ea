package dev.loupe.server.auth;

/** Which credentials a route takes. */
public enum Access {
  /** Open (health). */
  NONE,
  /** {@code Authorization: Basic base64(publicKey:secretKey)} (Langfuse). */
  BASIC,
  /** {@code Authorization: Bearer <api key>} plus {@code X-Lemma-Project-ID} (Lemma). */
  BEARER,
  /** Either of the above. */
  ANY;

  /** The {@code WWW-Authenticate} challenge to send with a 401. */
  public String challenge() {
    return switch (this) {
      case BASIC -> "Basic realm=\"loupe\"";
      case BEARER -> "Bearer realm=\"loupe\"";
      case ANY, NONE -> "Basic realm=\"loupe\", Bearer realm=\"loupe\"";
    };
  }
}
