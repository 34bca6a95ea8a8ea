package dev.loupe.evaluation;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.ScoreDataType;
import java.util.List;

/**
 * What a judge must answer (Langfuse's output definition): a score of {@code dataType} described by
 * {@code scoreDescription} (for CATEGORICAL, one of {@code categories}) and its reasoning, which
 * becomes the score's comment.
 */
public record OutputDefinition(
    ScoreDataType dataType,
    String scoreDescription,
    String reasoningDescription,
    List<String> categories) {

  public OutputDefinition {
    requireNonNull(dataType, "dataType");
    if (dataType == ScoreDataType.TEXT) {
      throw new IllegalArgumentException(
          "outputDefinition.dataType: NUMERIC, BOOLEAN or CATEGORICAL, got TEXT");
    }
    scoreDescription = scoreDescription == null ? "" : scoreDescription;
    reasoningDescription = reasoningDescription == null ? "" : reasoningDescription;
    categories = categories == null ? List.of() : List.copyOf(categories);
    if (dataType == ScoreDataType.CATEGORICAL && categories.isEmpty()) {
      throw new IllegalArgumentException(
          "outputDefinition.score.categories: a CATEGORICAL output needs at least one");
    }
    if (dataType != ScoreDataType.CATEGORICAL && !categories.isEmpty()) {
      throw new IllegalArgumentException(
          "outputDefinition.score.categories: only CATEGORICAL outputs have categories");
    }
  }

  /** A pass/fail verdict: what every code check gives. */
  public static OutputDefinition passFail() {
    return new OutputDefinition(ScoreDataType.BOOLEAN, "1 when the check passes", "", List.of());
  }
}
