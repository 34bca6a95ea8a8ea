package dev.loupe.ingest.langfuse;

/** One batch event fails validation; the message names the field and the reason. */
final class InvalidEventException extends RuntimeException {
  InvalidEventException(String message) {
    super(message, null, false, false);
  }
}
