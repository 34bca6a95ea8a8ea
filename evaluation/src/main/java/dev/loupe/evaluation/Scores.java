package dev.loupe.evaluation;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Score;
import dev.loupe.model.ScoreConfig;
import dev.loupe.model.ScoreInput;
import dev.loupe.storage.ScoreConfigStore;
import dev.loupe.storage.ScoreStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one way scores are stored: each input is checked against its data type and config ({@link
 * ScoreRules}) and stored idempotently on its id (a re-sent score replaces the stored one, which
 * keeps its first {@code createdAt}). Thread-safe.
 *
 * <pre>{@code
 * Scores scores = new Scores(storage.scoreStore(), storage.scoreConfigStore(), Clock.systemUTC());
 * Score stored = scores.create(input);                 // 400-style IllegalArgumentException if bad
 * List<Scores.Outcome> batch = scores.createAll(inputs); // the good ones stored, each bad one named
 * }</pre>
 */
public final class Scores {
  private final ScoreStore store;
  private final ScoreConfigStore configs;
  private final Clock clock;

  public Scores(ScoreStore store, ScoreConfigStore configs, Clock clock) {
    this.store = requireNonNull(store, "store");
    this.configs = requireNonNull(configs, "configs");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Checks and stores one score; durable on return.
   *
   * @throws IllegalArgumentException naming the field, when the score breaks a rule (nothing is
   *     stored)
   */
  public Score create(ScoreInput input) {
    Score score = check(input, new HashMap<>());
    store.putScores(List.of(score));
    return score;
  }

  /**
   * Checks every input on its own and stores the good ones in one write; durable on return. A bad
   * input never keeps the others from being stored.
   *
   * @return one outcome per input, in order
   */
  public List<Outcome> createAll(List<ScoreInput> inputs) {
    Map<String, Optional<ScoreConfig>> seen = new HashMap<>();
    List<Outcome> outcomes = new ArrayList<>(inputs.size());
    List<Score> good = new ArrayList<>();
    for (ScoreInput input : inputs) {
      try {
        Score score = check(input, seen);
        good.add(score);
        outcomes.add(new Outcome(score, null));
      } catch (IllegalArgumentException e) {
        outcomes.add(new Outcome(null, e.getMessage()));
      }
    }
    if (!good.isEmpty()) store.putScores(good);
    return outcomes;
  }

  /** Deletes a score; false when the project has none of that id. */
  public boolean delete(String projectId, String id) {
    return store.deleteScore(projectId, id);
  }

  private Score check(ScoreInput input, Map<String, Optional<ScoreConfig>> seen) {
    ScoreConfig config = null;
    if (input.configId() != null) {
      String key = input.projectId() + "\u0000" + input.configId();
      config =
          seen.computeIfAbsent(
                  key, k -> configs.getScoreConfig(input.projectId(), input.configId()))
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "configId: no score config '" + input.configId() + "' in this project"));
    }
    return ScoreRules.apply(input, config, clock.instant());
  }

  /** What became of one input: the stored score, or why it was refused (naming the field). */
  public record Outcome(@Nullable Score score, @Nullable String error) {
    public boolean ok() {
      return score != null;
    }
  }

  @Override
  public String toString() {
    return "Scores{" + store + "}";
  }
}
