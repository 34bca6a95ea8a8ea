package dev.loupe.storage;

import dev.loupe.model.ScoreConfig;
import java.util.Optional;

/**
 * A project's score configs. Every method is scoped to one project. Configs are archived, never
 * deleted, so that the scores naming them stay explained. Writes are durable on return.
 */
public interface ScoreConfigStore {
  /** Stores a config, replacing one of the same (projectId, id). */
  void putScoreConfig(ScoreConfig config);

  /** One config; empty when unknown in the project. */
  Optional<ScoreConfig> getScoreConfig(String projectId, String id);

  /** The project's configs, newest {@code createdAt} first, then id descending. */
  Page<ScoreConfig> listScoreConfigs(String projectId, Paging paging);
}
