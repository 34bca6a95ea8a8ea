package dev.loupe.ingest;

/**
 * The whole request body cannot be read (malformed protobuf/JSON, bad gzip, unknown media type).
 */
public class BadPayloadException extends RuntimeException {
  /** Why, for mapping to a status code in one place. */
  public enum Reason {
    MALFORMED,
    UNSUPPORTED_MEDIA_TYPE,
    TOO_LARGE
  }

  private final Reason reason;

  public BadPayloadException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public BadPayloadException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
