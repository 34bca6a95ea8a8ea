package dev.loupe.server.ui.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The admin password ({@code LOUPE_ADMIN_PASSWORD}), compared in constant time over SHA-256 digests
 * so neither the length nor a prefix leaks through timing.
 */
final class AdminPassword {
  private final byte[] digest;

  private AdminPassword(byte[] digest) {
    this.digest = digest;
  }

  /** Empty when no admin password is configured. */
  static Optional<AdminPassword> of(Optional<String> password) {
    return password.map(p -> new AdminPassword(sha256(p)));
  }

  boolean matches(String candidate) {
    return MessageDigest.isEqual(digest, sha256(candidate));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
