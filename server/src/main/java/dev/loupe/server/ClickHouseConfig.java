package dev.loupe.server;

import static java.util.Objects.requireNonNull;

import dev.loupe.server.ServerConfig.StorageKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code LOUPE_CLICKHOUSE_*} settings, read with {@code LOUPE_STORAGE=clickhouse}:
 *
 * <ul>
 *   <li>{@code LOUPE_CLICKHOUSE_URL} (required): the HTTP interface, {@code http(s)://host:port}
 *   <li>{@code LOUPE_CLICKHOUSE_USER} (default {@code default}), {@code LOUPE_CLICKHOUSE_PASSWORD}
 *       (default empty)
 *   <li>{@code LOUPE_CLICKHOUSE_DATABASE} (default {@code loupe}): created when missing; every node
 *       of one deployment names the same
 * </ul>
 *
 * <p>ClickHouse is the store several nodes share, and they share it through the Kafka ingest log:
 * the embedded log numbers its records per node, and the positions a node records in the store
 * would be taken by another node's applier as its own (writes below them skipped, so lost). So
 * ClickHouse needs Kafka, unless {@code LOUPE_INGEST_LOG=embedded} is set explicitly: one node on
 * its own log and a ClickHouse database no other node uses (a way to try ClickHouse, or to keep one
 * node's analytics there), which the documentation says is the only node allowed on it.
 *
 * <p>A URL set for another backend is an error rather than ignored: switching storage leaves the
 * data where it was, so it is chosen with {@code LOUPE_STORAGE}, never implied.
 *
 * @param url {@code http(s)://host:port}, nothing after the port
 * @param user the ClickHouse user
 * @param password its password, as given (empty for none); never in {@link #toString}
 * @param database letters, digits and {@code _}
 */
public record ClickHouseConfig(String url, String user, String password, String database) {
  static final String DEFAULT_USER = "default";
  static final String DEFAULT_DATABASE = "loupe";

  public ClickHouseConfig {
    requireNonNull(url, "url");
    checkUrl(url);
    requireNonNull(user, "user");
    if (user.isBlank()) throw new IllegalArgumentException("LOUPE_CLICKHOUSE_USER is blank");
    requireNonNull(password, "password");
    requireNonNull(database, "database");
    if (!database.matches("[A-Za-z_][A-Za-z0-9_]{0,63}"))
      throw new IllegalArgumentException(
          "LOUPE_CLICKHOUSE_DATABASE must be a name of letters, digits and _ (not starting with a"
              + " digit, at most 64): "
              + database);
  }

  /** The password hidden: configs get logged. */
  @Override
  public String toString() {
    return "ClickHouseConfig[url="
        + url
        + ", user="
        + user
        + ", password="
        + (password.isEmpty() ? "" : "***")
        + ", database="
        + database
        + "]";
  }

  /**
   * The settings for {@code storage}, or null when it is not ClickHouse; errors name the variable.
   */
  static @Nullable ClickHouseConfig fromEnv(
      Map<String, String> env, StorageKind storage, boolean kafka) {
    String url = ServerConfig.text(env, "LOUPE_CLICKHOUSE_URL");
    if (storage != StorageKind.CLICKHOUSE) {
      if (url != null)
        throw new IllegalArgumentException(
            "LOUPE_CLICKHOUSE_URL is set but LOUPE_STORAGE is "
                + storage.name().toLowerCase(Locale.ROOT)
                + ": set LOUPE_STORAGE=clickhouse to store in ClickHouse, or unset"
                + " LOUPE_CLICKHOUSE_URL");
      return null;
    }
    if (url == null)
      throw new IllegalArgumentException(
          "LOUPE_STORAGE=clickhouse needs LOUPE_CLICKHOUSE_URL (its HTTP interface, e.g."
              + " http://clickhouse:8123)");
    String log = ServerConfig.text(env, "LOUPE_INGEST_LOG");
    if (!kafka && (log == null || !log.equalsIgnoreCase("embedded")))
      throw new IllegalArgumentException(
          "LOUPE_STORAGE=clickhouse needs the Kafka ingest log (LOUPE_KAFKA_BOOTSTRAP_SERVERS), which"
              + " the nodes sharing the store share; a single node may keep the embedded log with"
              + " LOUPE_INGEST_LOG=embedded, and then no other node may use this ClickHouse"
              + " database");
    String password = env.get("LOUPE_CLICKHOUSE_PASSWORD"); // as given: spaces may be part of it
    return new ClickHouseConfig(
        url,
        ServerConfig.text(env, "LOUPE_CLICKHOUSE_USER", DEFAULT_USER),
        password == null ? "" : password,
        ServerConfig.text(env, "LOUPE_CLICKHOUSE_DATABASE", DEFAULT_DATABASE));
  }

  /** {@code http(s)://host:port}, nothing after the port but an optional {@code /}. */
  private static void checkUrl(String url) {
    String problem;
    String shown = url.replaceFirst("//[^/@]*@", "//...@"); // never echo a password
    try {
      URI u = new URI(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) problem = "the scheme is not http(s)";
      else if (u.getHost() == null) problem = "it names no host";
      else if (u.getPort() < 1) problem = "it names no port (8123 for http, 8443 for https)";
      else if (!(u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/"))
          || u.getRawQuery() != null
          || u.getRawUserInfo() != null)
        problem = "it has more than scheme, host and port (the user and database have variables)";
      else return;
    } catch (URISyntaxException e) {
      problem = e.getReason() + " at index " + e.getIndex();
    }
    throw new IllegalArgumentException(
        "LOUPE_CLICKHOUSE_URL must be http(s)://host:port: " + shown + " (" + problem + ")");
  }
}
