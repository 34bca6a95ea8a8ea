package dev.loupe.storage;

/** A storage failure. {@link #overCapacity()} means "try again later" (HTTP 503), not bad input. */
public class StorageException extends RuntimeException {
  private final boolean overCapacity;

  public StorageException(String message, Throwable cause) {
    this(message, cause, false);
  }

  public StorageException(String message, Throwable cause, boolean overCapacity) {
    super(message, cause);
    this.overCapacity = overCapacity;
  }

  public boolean overCapacity() {
    return overCapacity;
  }
}
