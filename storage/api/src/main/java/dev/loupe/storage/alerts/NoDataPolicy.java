package dev.loupe.storage.alerts;

/** What an evaluation whose window held no data counts as. */
public enum NoDataPolicy {
  /** Its own state, {@link AlertState#NO_DATA} (the default); a firing alert resolves. */
  NO_DATA,
  /** As a value that does not breach: {@link AlertState#OK}. */
  OK,
  /** As a breach: pending, then firing after the {@code for} duration (e.g. traffic stopped). */
  BREACHING
}
