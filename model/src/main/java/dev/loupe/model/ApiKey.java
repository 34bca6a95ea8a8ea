package dev.loupe.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An API key of a project. The secret is never stored, only its hash ({@code secretHash}, lowercase
 * hex SHA-256).
 *
 * @param publicKey Langfuse public key ({@code pk-lf-…}); for a bearer key, a non-secret id derived
 *     from it
 * @param kind how the key is presented
 */
public record ApiKey(
    String projectId, String publicKey, String secretHash, Kind kind, Instant createdAt) {
  /** How a key is presented on the wire. */
  public enum Kind {
    /** {@code Authorization: Basic base64(publicKey:secretKey)} (Langfuse). */
    BASIC,
    /** {@code Authorization: Bearer <key>} plus {@code X-Lemma-Project-ID} (Lemma). */
    BEARER
  }

  public ApiKey {
    requireNonNull(projectId, "projectId");
    requireNonNull(publicKey, "publicKey");
    requireNonNull(secretHash, "secretHash");
    requireNonNull(kind, "kind");
    requireNonNull(createdAt, "createdAt");
  }
}
