package dev.loupe.server.http;

import dev.loupe.query.ProjectQueries;
import dev.loupe.query.json.ProjectJson;
import dev.loupe.server.auth.Access;

/**
 * {@code GET /api/public/projects}: the key's project in Langfuse's shape, which the Langfuse SDKs
 * read to check their keys ({@code auth_check()}) and to build trace URLs.
 */
public final class ProjectRoutes {
  private final ProjectQueries projects;

  public ProjectRoutes(ProjectQueries projects) {
    this.projects = projects;
  }

  public void routing(Routes routes) {
    routes.get("/api/public/projects", Access.BASIC, this::list);
  }

  private void list(Exchange ex) throws Exception {
    ex.json(200, ProjectJson.list(projects.get(ex.projectId())));
  }
}
