package dev.loupe.pipeline.log;

import dev.loupe.storage.StorageException;

/**
 * The log's disk has no room for an append: nothing of it was acknowledged, what was acknowledged
 * before is intact, and appends succeed again once there is room. Over capacity (503 with
 * Retry-After).
 */
public final class LogFullException extends StorageException {
  public LogFullException(String message, Throwable cause) {
    super(message, cause, true);
  }
}
