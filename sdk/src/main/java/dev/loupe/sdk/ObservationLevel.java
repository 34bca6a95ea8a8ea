package dev.loupe.sdk;

/** Severity of an observation; sent as {@code langfuse.observation.level}. */
public enum ObservationLevel {
  DEBUG,
  DEFAULT,
  WARNING,
  ERROR
}
