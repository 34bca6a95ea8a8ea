package dev.loupe.storage;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Score;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A score with the facts of the trace it names, as score lists show them.
 *
 * @param trace the trace's facts; null when the score names no trace or its row does not exist
 */
public record ScoreSummary(Score score, @Nullable TraceFacts trace) {
  public ScoreSummary {
    requireNonNull(score, "score");
  }

  /** What a score list shows of the scored trace. */
  public record TraceFacts(
      @Nullable String userId, List<String> tags, String environment, @Nullable String sessionId) {
    public TraceFacts {
      tags = List.copyOf(tags);
      requireNonNull(environment, "environment");
    }
  }
}
