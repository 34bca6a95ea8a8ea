package dev.loupe.server;

import dev.loupe.model.ApiKey;
import dev.loupe.model.Project;
import dev.loupe.server.auth.ApiKeys;
import dev.loupe.storage.ProjectStore;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Makes sure there is a project to send to at start: the configured one ({@code
 * LOUPE_INIT_PROJECT_*}, created or updated idempotently), else, on a store with no project at all,
 * project {@code default} with generated keys that are printed this once (only their hashes are
 * stored).
 */
final class ProjectBootstrap {
  static final String DEFAULT_PROJECT = "default";

  private final ProjectStore store;
  private final Clock clock;
  private final PrintStream out;

  ProjectBootstrap(ProjectStore store, Clock clock, PrintStream out) {
    this.store = store;
    this.clock = clock;
    this.out = out;
  }

  void run(@Nullable InitProject init) {
    if (init != null) apply(init);
    else if (store.projects().isEmpty()) createDefault();
  }

  private void apply(InitProject init) {
    Optional<Project> existing = store.project(init.id());
    if (existing.isEmpty() || !existing.get().name().equals(init.name())) {
      store.saveProject(
          new Project(
              init.id(), init.name(), existing.map(Project::createdAt).orElseGet(clock::instant)));
    }
    if (init.publicKey() != null && init.secretKey() != null) {
      save(
          ApiKeys.basic(init.id(), init.publicKey(), init.secretKey(), clock.instant()),
          "LOUPE_INIT_PROJECT_PUBLIC_KEY");
    }
    if (init.apiKey() != null) {
      save(ApiKeys.bearer(init.id(), init.apiKey(), clock.instant()), "LOUPE_INIT_PROJECT_API_KEY");
    }
  }

  /** Saves a key unless the same one is stored; refuses to move a key from another project. */
  private void save(ApiKey key, String variable) {
    Optional<ApiKey> existing = store.key(key.kind(), key.publicKey());
    if (existing.isPresent() && !existing.get().projectId().equals(key.projectId())) {
      throw new IllegalStateException(
          variable + " already belongs to project " + existing.get().projectId());
    }
    if (existing.isEmpty() || !existing.get().secretHash().equals(key.secretHash()))
      store.saveKey(key);
  }

  private void createDefault() {
    String publicKey = ApiKeys.random("pk-lf-");
    String secretKey = ApiKeys.random("sk-lf-");
    String apiKey = ApiKeys.random("lma_");
    store.saveProject(new Project(DEFAULT_PROJECT, "Default", clock.instant()));
    store.saveKey(ApiKeys.basic(DEFAULT_PROJECT, publicKey, secretKey, clock.instant()));
    store.saveKey(ApiKeys.bearer(DEFAULT_PROJECT, apiKey, clock.instant()));
    out.println(
        """

        ==============================================================================
         Loupe created project "%s". Its keys are shown this once; only hashes are kept.
           Langfuse public key:  %s
           Langfuse secret key:  %s
           API key (Bearer):     %s
           (send it with X-Lemma-Project-ID: %s)
         Web UI: /ui, signed in with the public and secret key.
        ==============================================================================
        """
            .formatted(DEFAULT_PROJECT, publicKey, secretKey, apiKey, DEFAULT_PROJECT));
    out.flush();
  }
}
