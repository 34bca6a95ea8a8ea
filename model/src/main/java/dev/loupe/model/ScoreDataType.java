package dev.loupe.model;

import java.util.Optional;

/**
 * What a score's value is (Langfuse's data types). {@code NUMERIC} and {@code BOOLEAN} scores carry
 * a number ({@code BOOLEAN}: 1 or 0); {@code CATEGORICAL} and {@code TEXT} scores carry a string.
 */
public enum ScoreDataType {
  /** Any finite number, within its config's min and max when it has one. */
  NUMERIC,
  /** A label; with a config, one of its categories, whose number becomes the value. */
  CATEGORICAL,
  /** 1 ({@code "True"}) or 0 ({@code "False"}). */
  BOOLEAN,
  /** Free text of 1 to {@value Score#MAX_TEXT_LENGTH} characters. */
  TEXT;

  /** Whether the value is a number (NUMERIC, BOOLEAN) rather than a string. */
  public boolean numeric() {
    return this == NUMERIC || this == BOOLEAN;
  }

  /** The type of a wire name ({@code NUMERIC}, ...); empty when unknown. */
  public static Optional<ScoreDataType> fromWire(String name) {
    for (ScoreDataType t : values()) if (t.name().equals(name)) return Optional.of(t);
    return Optional.empty();
  }
}
