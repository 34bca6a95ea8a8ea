package dev.loupe.evaluation;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Encrypts judge API keys at rest: AES-256-GCM with a server key, a fresh 12-byte nonce per
 * encryption, and the owner (project and connection id) as associated data, so a sealed key copied
 * to another project or connection does not open. Sealed text is {@code v1:} + base64(nonce +
 * ciphertext + tag). The server key comes from {@code LOUPE_EVAL_KEY} (32 bytes, base64) or else
 * from {@code <data dir>/eval.key}, created on first use (owner read/write only). Losing the key
 * file loses the stored judge keys (they must be entered again), never anything else.
 */
public final class JudgeKeys {
  /** The key file's name in the data directory. */
  public static final String FILE_NAME = "eval.key";

  private static final String PREFIX = "v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  private JudgeKeys(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the evaluation key must be 32 bytes, got " + key.length);
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  /** Keys from 32 raw bytes. */
  public static JudgeKeys of(byte[] key) {
    return new JudgeKeys(requireNonNull(key, "key"));
  }

  /**
   * The server key: {@code envValue} (base64 of 32 bytes) when set, else the key file in {@code
   * dataDir}, created with a random key when missing.
   *
   * @throws IllegalArgumentException when {@code envValue} is not base64 of 32 bytes
   */
  public static JudgeKeys load(@Nullable String envValue, Path dataDir) {
    if (envValue != null && !envValue.isBlank()) {
      try {
        return new JudgeKeys(Base64.getDecoder().decode(envValue.strip()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "LOUPE_EVAL_KEY must be 32 bytes in base64: " + e.getMessage(), e);
      }
    }
    Path file = dataDir.resolve(FILE_NAME);
    try {
      if (Files.exists(file)) {
        return new JudgeKeys(Base64.getDecoder().decode(Files.readString(file).strip()));
      }
      Files.createDirectories(dataDir);
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
      Files.writeString(
          tmp,
          Base64.getEncoder().encodeToString(fresh),
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE,
          StandardOpenOption.SYNC);
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system: the directory's permissions protect it
      }
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return new JudgeKeys(fresh);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }

  /** The plaintext sealed for {@code owner} (e.g. project and connection id). */
  public String seal(String owner, String plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * The plaintext of a sealed text of {@code owner}.
   *
   * @throws IllegalStateException when it was sealed with another key or for another owner
   */
  public String open(String owner, String sealed) {
    if (!sealed.startsWith(PREFIX)) throw new IllegalStateException("not a sealed key");
    byte[] all;
    try {
      all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("a sealed key that is not base64", e);
    }
    if (all.length <= NONCE_BYTES) throw new IllegalStateException("a sealed key too short");
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.DECRYPT_MODE,
          key,
          new GCMParameterSpec(TAG_BITS, Arrays.copyOf(all, NONCE_BYTES)));
      c.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
      byte[] plain = c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "the judge key does not open with this server's evaluation key (LOUPE_EVAL_KEY or "
              + FILE_NAME
              + " changed?)",
          e);
    }
  }

  @Override
  public String toString() {
    return "JudgeKeys{AES-256-GCM}";
  }
}
