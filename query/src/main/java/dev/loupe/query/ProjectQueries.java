package dev.loupe.query;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Project;
import dev.loupe.storage.ProjectStore;

/**
 * {@code GET /api/public/projects}: the project the caller's key belongs to. A Loupe key opens
 * exactly one project, so the answer is that one project (Langfuse answers the same for a project
 * key); the Langfuse SDKs' {@code auth_check()} / {@code getTraceUrl()} read it.
 */
public final class ProjectQueries {
  private final ProjectStore store;

  public ProjectQueries(ProjectStore store) {
    this.store = requireNonNull(store, "store");
  }

  /** The caller's project. */
  public Project get(String projectId) {
    return store.project(projectId).orElseThrow(() -> new NotFoundException("project", projectId));
  }
}
