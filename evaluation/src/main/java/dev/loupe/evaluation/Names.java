package dev.loupe.evaluation;

/** The rule for the names people give connections, evaluators and rules. */
final class Names {
  static final int MAX_LENGTH = 100;

  private Names() {}

  static void check(String field, String name) {
    if (name == null || name.isBlank()) throw new IllegalArgumentException(field + ": is required");
    if (name.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          field + ": at most " + MAX_LENGTH + " characters, got " + name.length());
    }
  }
}
