package dev.loupe.storage.alerts;

/** The body a channel receives. */
public enum ChannelKind {
  /** Loupe's JSON notification, signed with HMAC-SHA256 when the channel has a secret. */
  WEBHOOK,
  /**
   * A Slack incoming-webhook body ({@code text} and {@code blocks}), which Slack and the tools that
   * accept its shape (Mattermost, Discord's {@code /slack} endpoint, ...) post as a message; also
   * signed when the channel has a secret.
   */
  SLACK
}
