package dev.loupe.storage;

import org.jspecify.annotations.Nullable;

/** Health as data. */
public record CheckResult(boolean ok, @Nullable String error) {
  public static final CheckResult OK = new CheckResult(true, null);

  public static CheckResult failed(Throwable t) {
    return new CheckResult(false, t.getClass().getSimpleName() + ": " + t.getMessage());
  }
}
