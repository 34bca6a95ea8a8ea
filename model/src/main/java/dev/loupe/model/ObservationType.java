package dev.loupe.model;

import java.util.Locale;
import java.util.Optional;

/** What an observation is. Generations and embeddings carry a model, usage and cost. */
public enum ObservationType {
  SPAN,
  GENERATION,
  EVENT,
  TOOL,
  AGENT,
  CHAIN,
  RETRIEVER,
  EMBEDDING,
  EVALUATOR,
  GUARDRAIL;

  /** Case-insensitive lookup of a wire value such as {@code "generation"}; empty when unknown. */
  public static Optional<ObservationType> fromWire(String value) {
    try {
      return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** True for types that call a model and so may carry model, usage and cost. */
  public boolean callsModel() {
    return this == GENERATION || this == EMBEDDING;
  }
}
