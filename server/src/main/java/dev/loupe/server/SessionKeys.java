package dev.loupe.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key UI session tokens are signed with. {@code LOUPE_SESSION_SECRET} (its SHA-256) when set:
 * nodes that share a store set the same, so any of them accepts a session another started. Else
 * {@code <dataDir>/session.key}, 32 random bytes created on first start, so a restart keeps
 * everyone signed in; in-memory storage keeps nothing, so its key is the process's own.
 *
 * <p>Not kept in the store: the storage SPI has no table for settings (adding one is a schema
 * change in every backend), and a signing key readable by whoever reads the database (backups,
 * analysts' read access) would let them mint sessions. It is managed like the other secrets ({@code
 * LOUPE_EVAL_KEY}, which nodes sharing a store also share).
 */
final class SessionKeys {
  private static final Logger LOG = LoggerFactory.getLogger(SessionKeys.class);
  static final String FILE_NAME = "session.key";

  private SessionKeys() {}

  static byte[] load(ServerConfig config) {
    String secret = config.sessionSecret();
    if (secret != null) return sha256(secret);
    if (config.kafka() != null)
      LOG.warn(
          "LOUPE_SESSION_SECRET is not set: UI sessions started here are refused by the other"
              + " nodes of this store; set the same LOUPE_SESSION_SECRET on every node");
    if (config.storage() == ServerConfig.StorageKind.MEMORY) {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      return key;
    }
    return fromFile(config.dataDir());
  }

  private static byte[] fromFile(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      if (Files.exists(file)) return Base64.getDecoder().decode(Files.readString(file).strip());
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
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      return fresh;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(file + " is not a base64 key: " + e.getMessage(), e);
    }
  }

  private static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
