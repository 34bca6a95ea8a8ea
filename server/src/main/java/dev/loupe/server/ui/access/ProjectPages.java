package dev.loupe.server.ui.access;

import dev.loupe.model.Project;
import dev.loupe.query.NotFoundException;
import dev.loupe.server.http.Exchange;
import dev.loupe.server.ui.Formats;
import dev.loupe.server.ui.Pages;
import dev.loupe.server.ui.UiContext;
import dev.loupe.server.ui.traces.TracePages;
import dev.loupe.storage.ProjectStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The projects page: an admin session lists every project and opens any of them; a key-pair session
 * sees its own project only and cannot switch.
 */
public final class ProjectPages {
  public static final String LIST = "/ui/projects";

  private final ProjectStore projects;
  private final UiSessions sessions;
  private final Pages pages;

  public ProjectPages(UiContext ui, UiSessions sessions, Pages pages) {
    this.projects = ui.projects();
    this.sessions = sessions;
    this.pages = pages;
  }

  public void list(Exchange ex, UiSessions.SignedIn who) throws IOException {
    List<ProjectsPage.Row> rows = new ArrayList<>();
    for (Project p : visible(who)) {
      rows.add(
          new ProjectsPage.Row(
              p.id(),
              p.name(),
              Formats.time(p.createdAt()),
              p.id().equals(who.projectId()),
              LIST + "/" + Formats.pathSegment(p.id()) + "/open"));
    }
    pages.render(ex, 200, "projects.jte", new ProjectsPage(who.projectId(), who.admin(), rows));
  }

  public void open(Exchange ex, UiSessions.SignedIn who) throws IOException {
    String id = ex.path("projectId");
    // a key-pair session cannot tell other projects exist
    if (!who.admin() || projects.project(id).isEmpty()) throw new NotFoundException("project", id);
    Optional<String> token = sessions.switchProject(Cookies.session(ex.header("Cookie")), id);
    if (token.isEmpty()) throw new NotFoundException("project", id);
    boolean https = "https".equalsIgnoreCase(ex.header("X-Forwarded-Proto"));
    Pages.redirect(ex, TracePages.LIST, Map.of("Set-Cookie", Cookies.set(token.get(), https)));
  }

  private List<Project> visible(UiSessions.SignedIn who) {
    if (!who.admin()) return projects.project(who.projectId()).stream().toList();
    return projects.projects().stream().sorted(Comparator.comparing(Project::id)).toList();
  }
}
