package dev.loupe.ingest.otlp;

/** One span cannot be accepted; the message names the field and why. Cheap: no stack trace. */
final class InvalidSpanException extends IllegalArgumentException {
  InvalidSpanException(String message) {
    super(message);
  }

  /** Cheap: bad input is expected, its stack trace is not needed. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
