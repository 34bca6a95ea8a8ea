package dev.loupe.storage.duckdb;

import static dev.loupe.storage.tests.ScoreObjects.numeric;
import static dev.loupe.storage.tests.TestObjects.OTHER_PROJECT;
import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static dev.loupe.storage.tests.TestObjects.at;
import static dev.loupe.storage.tests.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Score;
import dev.loupe.storage.ScoreStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project's trace scores, asked for while it holds none (which the store then answers without a
 * query), show as soon as a write returns, go with a delete, and come back after a reopen.
 */
class ScoresOfTracesTest {
  @TempDir Path dir;

  @Test
  void noScoresYet_thenWritten_thenDeleted_thenReopened() {
    List<String> traces = List.of(traceId(1), traceId(2));
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      ScoreStore scores = storage.scoreStore();
      assertThat(scores.scoresOfTraces(PROJECT, traces)).isEmpty();
      assertThat(scores.scoresOfTraces(PROJECT, traces)).isEmpty();

      scores.putScores(List.of(numeric("s-1", traceId(1), 0.8, at(1))));
      assertThat(scores.scoresOfTraces(PROJECT, traces))
          .extracting(Score::id)
          .containsExactly("s-1");
      assertThat(scores.scoresOfTraces(OTHER_PROJECT, traces)).isEmpty();

      assertThat(scores.deleteScore(PROJECT, "s-1")).isTrue();
      assertThat(scores.scoresOfTraces(PROJECT, traces)).isEmpty();
      scores.putScores(List.of(numeric("s-2", traceId(2), 0.4, at(2))));
    }
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      assertThat(storage.scoreStore().scoresOfTraces(PROJECT, traces))
          .extracting(Score::id)
          .containsExactly("s-2");
    }
  }
}
