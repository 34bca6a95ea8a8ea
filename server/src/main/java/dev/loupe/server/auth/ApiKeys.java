package dev.loupe.server.auth;

import dev.loupe.model.ApiKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * API keys as stored: secrets only as lowercase hex SHA-256, compared in constant time. A bearer
 * key is found by a non-secret id derived from it ({@link #bearerKeyId}), then its hash is
 * compared.
 *
 * <pre>{@code
 * projectStore.saveKey(ApiKeys.basic("proj", "pk-lf-1", "sk-lf-1", now));
 * projectStore.saveKey(ApiKeys.bearer("proj", "lma_abc", now));
 * }</pre>
 */
public final class ApiKeys {
  private static final HexFormat HEX = HexFormat.of();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int BEARER_ID_HEX_CHARS = 12;

  private ApiKeys() {}

  /** A Langfuse key pair for Basic auth. */
  public static ApiKey basic(String projectId, String publicKey, String secretKey, Instant now) {
    return new ApiKey(projectId, publicKey, sha256Hex(secretKey), ApiKey.Kind.BASIC, now);
  }

  /** A Lemma-style key for Bearer auth. */
  public static ApiKey bearer(String projectId, String key, Instant now) {
    return new ApiKey(projectId, bearerKeyId(key), sha256Hex(key), ApiKey.Kind.BEARER, now);
  }

  /**
   * The lookup id of a bearer key: a hash prefix under a distinct label, so it reveals nothing of
   * the secret hash.
   */
  public static String bearerKeyId(String key) {
    return sha256Hex("loupe-key-id:" + key).substring(0, BEARER_ID_HEX_CHARS);
  }

  /**
   * True when {@code secret} hashes to the stored hash; the comparison takes the same time for any
   * mismatch.
   */
  public static boolean matches(String secret, String storedHashHex) {
    return MessageDigest.isEqual(
        sha256Hex(secret).getBytes(StandardCharsets.US_ASCII),
        storedHashHex.getBytes(StandardCharsets.US_ASCII));
  }

  /** {@code prefix} + 160 random bits in hex. */
  public static String random(String prefix) {
    byte[] bytes = new byte[20];
    RANDOM.nextBytes(bytes);
    return prefix + HEX.formatHex(bytes);
  }

  public static String sha256Hex(String s) {
    return HEX.formatHex(sha256(s));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
