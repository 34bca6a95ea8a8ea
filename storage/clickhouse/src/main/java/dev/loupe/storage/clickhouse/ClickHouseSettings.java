package dev.loupe.storage.clickhouse;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Where the store lives: the ClickHouse HTTP endpoint, the credentials and the database holding
 * Loupe's tables (created on open when missing).
 *
 * @param url the HTTP interface, {@code http(s)://host:port} (8123 / 8443 on a server)
 * @param user the user (ClickHouse's default is {@code default})
 * @param password the password (empty for none)
 * @param database the database name: letters, digits and underscores, not starting with a digit
 */
public record ClickHouseSettings(String url, String user, String password, String database) {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  public ClickHouseSettings {
    requireNonNull(url, "url");
    requireNonNull(user, "user");
    requireNonNull(password, "password");
    requireNonNull(database, "database");
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("url: not a URL: " + url, e);
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException(
          "url: ClickHouse's HTTP interface is http:// or https://, got " + url);
    }
    if (uri.getHost() == null) throw new IllegalArgumentException("url: no host in " + url);
    if (user.isBlank()) throw new IllegalArgumentException("user: is blank");
    if (!IDENTIFIER.matcher(database).matches()) {
      throw new IllegalArgumentException(
          "database: letters, digits and _ only, not starting with a digit; got '"
              + database
              + "'");
    }
  }

  /** The endpoint as the {@code default} user without a password, for local trials and tests. */
  public static ClickHouseSettings local(String url, String database) {
    return new ClickHouseSettings(url, "default", "", database);
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "ClickHouseSettings[url=" + url + ", user=" + user + ", database=" + database + "]";
  }
}
