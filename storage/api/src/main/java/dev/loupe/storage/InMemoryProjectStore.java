package dev.loupe.storage;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.ApiKey;
import dev.loupe.model.Project;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Projects by id and keys by (kind, publicKey); keys of a project list by creation time, then
 * public key.
 */
final class InMemoryProjectStore implements ProjectStore {
  private static final Comparator<ApiKey> KEYS_OLDEST_FIRST =
      Comparator.comparing(ApiKey::createdAt)
          .thenComparing(ApiKey::publicKey, InMemoryOrder.TEXT)
          .thenComparing(ApiKey::kind);

  private final Map<String, Project> projects = new ConcurrentSkipListMap<>(InMemoryOrder.TEXT);
  private final Map<KeyId, ApiKey> keys = new ConcurrentHashMap<>();

  @Override
  public void saveProject(Project project) {
    projects.put(requireNonNull(project, "project").id(), project);
  }

  @Override
  public List<Project> projects() {
    return List.copyOf(projects.values());
  }

  @Override
  public Optional<Project> project(String id) {
    return Optional.ofNullable(projects.get(requireNonNull(id, "id")));
  }

  @Override
  public void saveKey(ApiKey key) {
    requireNonNull(key, "key");
    keys.put(new KeyId(key.kind(), key.publicKey()), key);
  }

  @Override
  public Optional<ApiKey> key(ApiKey.Kind kind, String publicKey) {
    return Optional.ofNullable(keys.get(new KeyId(kind, publicKey)));
  }

  @Override
  public List<ApiKey> keys(String projectId) {
    return keys.values().stream()
        .filter(k -> k.projectId().equals(projectId))
        .sorted(KEYS_OLDEST_FIRST)
        .toList();
  }

  private record KeyId(ApiKey.Kind kind, String publicKey) {
    KeyId {
      requireNonNull(kind, "kind");
      requireNonNull(publicKey, "publicKey");
    }
  }
}
