package dev.loupe.storage;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.ScoreConfig;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Score configs by project, then id; lists newest createdAt first, then id descending. */
final class InMemoryScoreConfigStore implements ScoreConfigStore {
  private static final Comparator<ScoreConfig> NEWEST_FIRST =
      Comparator.comparing(ScoreConfig::createdAt)
          .thenComparing(ScoreConfig::id, InMemoryOrder.TEXT)
          .reversed();

  private final Map<String, Map<String, ScoreConfig>> configs = new ConcurrentHashMap<>();

  @Override
  public void putScoreConfig(ScoreConfig config) {
    requireNonNull(config, "config");
    configs
        .computeIfAbsent(config.projectId(), p -> new ConcurrentHashMap<>())
        .put(config.id(), config);
  }

  @Override
  public Optional<ScoreConfig> getScoreConfig(String projectId, String id) {
    requireNonNull(id, "id");
    return Optional.ofNullable(project(requireNonNull(projectId, "projectId")).get(id));
  }

  @Override
  public Page<ScoreConfig> listScoreConfigs(String projectId, Paging paging) {
    requireNonNull(paging, "paging");
    List<ScoreConfig> all =
        project(requireNonNull(projectId, "projectId")).values().stream()
            .sorted(NEWEST_FIRST)
            .toList();
    return Page.slice(all, paging.page(), paging.limit());
  }

  private Map<String, ScoreConfig> project(String projectId) {
    return configs.getOrDefault(projectId, Map.of());
  }

  @Override
  public String toString() {
    return "InMemoryScoreConfigStore{}";
  }
}
