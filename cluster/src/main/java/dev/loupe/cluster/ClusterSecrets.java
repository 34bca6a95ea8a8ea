package dev.loupe.cluster;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;

/**
 * What every node of a {@link LocalCluster} shares: the project and its keys (known, so a user and
 * a test can send at once), the UI session secret and the key that seals judge API keys (random,
 * made on the first start and kept in {@code <dir>/secrets.properties}, so a restarted cluster
 * keeps its sessions and its stored judge keys readable).
 *
 * @param sessionSecret {@code LOUPE_SESSION_SECRET} of every node
 * @param evalKey {@code LOUPE_EVAL_KEY} of every node (32 bytes, base64)
 */
public record ClusterSecrets(String sessionSecret, String evalKey) {
  public static final String PROJECT = "cluster";
  public static final String PUBLIC_KEY = "pk-lf-local-cluster";
  public static final String SECRET_KEY = "sk-lf-local-cluster";
  public static final String API_KEY = "lma_local_cluster_key";
  static final String FILE = "secrets.properties";

  /** The secrets kept in {@code dir}, made there on first use. */
  static ClusterSecrets load(Path dir) {
    Path file = dir.resolve(FILE);
    try {
      Properties p = new Properties();
      if (Files.exists(file)) {
        try (Reader in = Files.newBufferedReader(file)) {
          p.load(in);
        }
      } else {
        SecureRandom random = new SecureRandom();
        byte[] session = new byte[32];
        byte[] eval = new byte[32];
        random.nextBytes(session);
        random.nextBytes(eval);
        p.setProperty("sessionSecret", HexFormat.of().formatHex(session));
        p.setProperty("evalKey", Base64.getEncoder().encodeToString(eval));
        Files.createDirectories(dir);
        try (Writer out = Files.newBufferedWriter(file)) {
          p.store(out, "shared by every node of this local cluster");
        }
      }
      return new ClusterSecrets(p.getProperty("sessionSecret"), p.getProperty("evalKey"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    }
  }

  /** The {@code LOUPE_*} variables that give a node the project, its keys and these secrets. */
  Map<String, String> nodeEnv() {
    return Map.of(
        "LOUPE_INIT_PROJECT_ID", PROJECT,
        "LOUPE_INIT_PROJECT_PUBLIC_KEY", PUBLIC_KEY,
        "LOUPE_INIT_PROJECT_SECRET_KEY", SECRET_KEY,
        "LOUPE_INIT_PROJECT_API_KEY", API_KEY,
        "LOUPE_SESSION_SECRET", sessionSecret,
        "LOUPE_EVAL_KEY", evalKey);
  }

  /** {@code Basic base64(public:secret)}: the Authorization header of the project's keys. */
  public static String basicAuth() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(
                (PUBLIC_KEY + ":" + SECRET_KEY).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
