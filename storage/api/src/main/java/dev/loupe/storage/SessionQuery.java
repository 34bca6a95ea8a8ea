package dev.loupe.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Session search: sessions whose first trace falls in {@code from <= createdAt < to}, optionally in
 * one environment; newest first, then id descending.
 */
public record SessionQuery(
    String projectId,
    @Nullable Instant fromTimestamp,
    @Nullable Instant toTimestamp,
    @Nullable String environment,
    Paging paging) {
  public SessionQuery {
    requireNonNull(projectId, "projectId");
    requireNonNull(paging, "paging");
    if (fromTimestamp != null && toTimestamp != null && !fromTimestamp.isBefore(toTimestamp)) {
      throw new IllegalArgumentException("fromTimestamp must be before toTimestamp");
    }
  }
}
