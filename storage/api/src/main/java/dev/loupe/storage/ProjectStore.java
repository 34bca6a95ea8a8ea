package dev.loupe.storage;

import dev.loupe.model.ApiKey;
import dev.loupe.model.Project;
import java.util.List;
import java.util.Optional;

/** Projects and their API keys (secrets only as hashes). */
public interface ProjectStore {
  /** Creates or replaces a project by id. */
  void saveProject(Project project);

  /** All projects, by id. */
  List<Project> projects();

  Optional<Project> project(String id);

  /** Creates or replaces a key by (kind, publicKey). */
  void saveKey(ApiKey key);

  /** The key with this public key (Basic) or key id (Bearer), if any. */
  Optional<ApiKey> key(ApiKey.Kind kind, String publicKey);

  /** All keys of a project. */
  List<ApiKey> keys(String projectId);
}
