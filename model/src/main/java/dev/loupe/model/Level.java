package dev.loupe.model;

import java.util.Locale;
import java.util.Optional;

/** Severity of an observation, in increasing order. */
public enum Level {
  DEBUG,
  DEFAULT,
  WARNING,
  ERROR;

  /**
   * Parses a level including the aliases SDKs send: TRACE/VERBOSE → DEBUG;
   * INFO/LOG/NOTICE/OK/SUCCESS → DEFAULT; WARN → WARNING; FATAL/CRITICAL → ERROR. Empty when
   * unknown.
   */
  public static Optional<Level> parse(String value) {
    return Optional.ofNullable(
        switch (value.trim().toUpperCase(Locale.ROOT)) {
          case "DEBUG", "TRACE", "VERBOSE" -> DEBUG;
          case "DEFAULT", "INFO", "LOG", "NOTICE", "OK", "SUCCESS" -> DEFAULT;
          case "WARNING", "WARN" -> WARNING;
          case "ERROR", "FATAL", "CRITICAL" -> ERROR;
          default -> null;
        });
  }
}
