package dev.loupe.alerting;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook body so the receiver can check it came from Loupe and was not replayed:
 *
 * <pre>
 * X-Loupe-Timestamp: 1767225600                       (Unix seconds when sent)
 * X-Loupe-Signature: sha256=&lt;hex HMAC-SHA256(secret, timestamp + "." + body)&gt;
 * </pre>
 *
 * A receiver recomputes the HMAC over the timestamp header, a dot and the raw body bytes with the
 * channel's secret, compares in constant time, and refuses timestamps more than a few minutes old.
 * Every attempt is signed afresh (a retry has a new timestamp).
 */
public final class WebhookSigner {
  public static final String SIGNATURE_HEADER = "X-Loupe-Signature";
  public static final String TIMESTAMP_HEADER = "X-Loupe-Timestamp";
  public static final String PREFIX = "sha256=";

  private WebhookSigner() {}

  /** {@code sha256=<hex>} of {@code timestamp + "." + body}. */
  public static String sign(String secret, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Whether {@code signature} is the one {@link #sign} gives, compared in constant time. */
  public static boolean verify(
      String secret, long timestampSeconds, byte[] body, String signature) {
    byte[] expected = sign(secret, timestampSeconds, body).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
  }
}
