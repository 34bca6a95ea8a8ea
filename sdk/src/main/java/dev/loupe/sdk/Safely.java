package dev.loupe.sdk;

import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Runs SDK-side work so that a failure is logged and never reaches the user's code. */
final class Safely {
  static final Logger LOG = Logger.getLogger("dev.loupe.sdk");

  private Safely() {}

  static void run(String what, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "Loupe: " + what + " failed; tracing continues without it", e);
    }
  }

  /**
   * Like {@link #run(String, Runnable)}; the message is {@code what + detail}, built on failure
   * only.
   */
  static void run(String what, String detail, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException | LinkageError e) {
      LOG.log(
          Level.WARNING, "Loupe: " + what + detail + " failed; tracing continues without it", e);
    }
  }

  /** Runs {@code work}; on failure logs and returns {@code fallback.get()} instead. */
  static <T> T get(String what, String detail, Supplier<T> work, Supplier<T> fallback) {
    try {
      return work.get();
    } catch (RuntimeException | LinkageError e) {
      LOG.log(
          Level.WARNING, "Loupe: " + what + detail + " failed; tracing continues without it", e);
      return fallback.get();
    }
  }

  static <T> T get(String what, Supplier<T> work, T fallback) {
    try {
      return work.get();
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "Loupe: " + what + " failed; tracing continues without it", e);
      return fallback;
    }
  }
}
