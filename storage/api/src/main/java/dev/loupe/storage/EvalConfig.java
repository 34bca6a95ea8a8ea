package dev.loupe.storage;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Times;
import java.time.Instant;

/**
 * One piece of a project's evaluation setup, kept as the evaluation module wrote it: a judge
 * connection, an evaluator or an evaluation rule. The store keeps {@code body} (JSON text whose
 * shape the evaluation module owns) and never reads it; a connection's API key is in it only
 * encrypted.
 *
 * @param name the name a person gave it (unique per project and kind, which the evaluation module
 *     checks)
 */
public record EvalConfig(
    String projectId,
    Kind kind,
    String id,
    String name,
    String body,
    Instant createdAt,
    Instant updatedAt) {

  /** What the body describes. */
  public enum Kind {
    /** An OpenAI-compatible endpoint a judge calls: base URL, model, the encrypted key. */
    CONNECTION,
    /** How to score: a judge prompt with its output, or a code check. */
    EVALUATOR,
    /** Which traces or observations an evaluator scores, how often and within what budget. */
    RULE
  }

  public EvalConfig {
    requireNonNull(projectId, "projectId");
    requireNonNull(kind, "kind");
    requireNonNull(id, "id");
    if (id.isBlank()) throw new IllegalArgumentException("id: is blank");
    requireNonNull(name, "name");
    requireNonNull(body, "body");
    createdAt = Times.micros(requireNonNull(createdAt, "createdAt"));
    updatedAt = Times.micros(requireNonNull(updatedAt, "updatedAt"));
  }
}
