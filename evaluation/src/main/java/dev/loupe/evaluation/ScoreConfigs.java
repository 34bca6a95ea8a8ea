package dev.loupe.evaluation;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.ScoreCategory;
import dev.loupe.model.ScoreConfig;
import dev.loupe.model.ScoreDataType;
import dev.loupe.storage.ScoreConfigStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Creating and changing a project's score configs. The rules of a config are {@link ScoreConfig}'s
 * (a violation names the field); a change keeps the id, the data type and {@code createdAt}.
 * Configs are archived, never deleted. Thread-safe.
 */
public final class ScoreConfigs {
  private final ScoreConfigStore store;
  private final Clock clock;

  public ScoreConfigs(ScoreConfigStore store, Clock clock) {
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
  }

  /** A new config as a client describes it. */
  public record Draft(
      String name,
      ScoreDataType dataType,
      List<ScoreCategory> categories,
      @Nullable Double minValue,
      @Nullable Double maxValue,
      @Nullable String description) {}

  /** A change; null fields stay as they are. */
  public record Patch(
      @Nullable Boolean archived,
      @Nullable String name,
      @Nullable List<ScoreCategory> categories,
      @Nullable Double minValue,
      @Nullable Double maxValue,
      @Nullable String description) {}

  /**
   * Creates a config with a new id; durable on return.
   *
   * @throws IllegalArgumentException naming the field, when the config breaks a rule
   */
  public ScoreConfig create(String projectId, Draft draft) {
    Instant now = clock.instant();
    ScoreConfig config =
        new ScoreConfig(
            projectId,
            UUID.randomUUID().toString(),
            draft.name(),
            draft.dataType(),
            false,
            draft.minValue(),
            draft.maxValue(),
            draft.dataType() == ScoreDataType.BOOLEAN ? List.of() : draft.categories(),
            draft.description(),
            now,
            now);
    store.putScoreConfig(config);
    return config;
  }

  /**
   * Applies a change; empty when the project has no config of that id.
   *
   * @throws IllegalArgumentException naming the field, when the result breaks a rule
   */
  public java.util.Optional<ScoreConfig> update(String projectId, String id, Patch patch) {
    return store
        .getScoreConfig(projectId, id)
        .map(
            old -> {
              ScoreConfig changed =
                  new ScoreConfig(
                      projectId,
                      id,
                      patch.name() != null ? patch.name() : old.name(),
                      old.dataType(),
                      patch.archived() != null ? patch.archived() : old.archived(),
                      patch.minValue() != null ? patch.minValue() : old.minValue(),
                      patch.maxValue() != null ? patch.maxValue() : old.maxValue(),
                      patch.categories() != null ? patch.categories() : old.categories(),
                      patch.description() != null ? patch.description() : old.description(),
                      old.createdAt(),
                      clock.instant());
              store.putScoreConfig(changed);
              return changed;
            });
  }

  @Override
  public String toString() {
    return "ScoreConfigs{" + store + "}";
  }
}
