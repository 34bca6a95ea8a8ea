package dev.loupe.storage.alerts;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where a project's alerts are sent: an http(s) URL that receives a POST per notification.
 *
 * @param secret the HMAC-SHA256 key the body is signed with; null for an unsigned channel. The API
 *     accepts it and never returns it.
 */
public record AlertChannel(
    String projectId,
    String id,
    String name,
    ChannelKind kind,
    String url,
    @Nullable String secret,
    Instant createdAt,
    Instant updatedAt) {

  public AlertChannel {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
    requireNonNull(url, "url");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(updatedAt, "updatedAt");
    if (id.isBlank() || id.length() > 200) throw new IllegalArgumentException("id: 1-200 chars");
    if (name.isBlank()) throw new IllegalArgumentException("name: must not be blank");
    if (name.length() > AlertRule.MAX_NAME)
      throw new IllegalArgumentException("name: longer than " + AlertRule.MAX_NAME + " characters");
    checkUrl(url);
    if (secret != null && (secret.isEmpty() || secret.length() > 1024))
      throw new IllegalArgumentException("secret: 1-1024 characters when given");
  }

  private static void checkUrl(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("url: not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https"))
      throw new IllegalArgumentException("url: must be an http or https URL, got '" + url + "'");
    if (uri.getHost() == null || uri.getHost().isEmpty())
      throw new IllegalArgumentException("url: has no host: '" + url + "'");
    if (url.length() > 2048) throw new IllegalArgumentException("url: longer than 2048 characters");
  }

  /** Whether notifications to this channel are signed. */
  public boolean signed() {
    return secret != null;
  }

  /** This channel with another secret (null: unsigned). */
  public AlertChannel withSecret(@Nullable String newSecret) {
    return new AlertChannel(projectId, id, name, kind, url, newSecret, createdAt, updatedAt);
  }
}
