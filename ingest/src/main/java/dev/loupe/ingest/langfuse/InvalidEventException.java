package dev.loupe.ingest.langfuse;

/** One batch event fails validation; the message names the field and the reason. */
final class InvalidEventException extends IllegalArgumentException {
  InvalidEventException(String message) {
    super(message);
  }

  /** Cheap: bad input is expected, its stack trace is not needed. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
