package dev.loupe.ingest.otlp;

/** One span cannot be accepted; the message names the field and why. Cheap: no stack trace. */
final class InvalidSpanException extends RuntimeException {
  InvalidSpanException(String message) {
    super(message, null, false, false);
  }
}
