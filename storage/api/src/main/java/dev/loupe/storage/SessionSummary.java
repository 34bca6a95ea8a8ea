package dev.loupe.storage;

import java.time.Instant;

/** A session: traces sharing a sessionId. {@code createdAt} is its first trace's timestamp. */
public record SessionSummary(
    String projectId, String id, Instant createdAt, String environment, long traceCount) {}
