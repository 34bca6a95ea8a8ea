package dev.loupe.model;

import java.util.Optional;

/** Who made a score (Langfuse's sources). */
public enum ScoreSource {
  /** A client, through the SDKs or the public API (user feedback, code checks). */
  API,
  /** A person, in the UI or an annotation tool, against a score config. */
  ANNOTATION,
  /**
   * An evaluator running on the server (LLM-as-judge, code checks); never accepted from clients.
   */
  EVAL;

  /** The source of a wire name ({@code API}, ...); empty when unknown. */
  public static Optional<ScoreSource> fromWire(String name) {
    for (ScoreSource s : values()) if (s.name().equals(name)) return Optional.of(s);
    return Optional.empty();
  }
}
