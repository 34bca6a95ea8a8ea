package dev.loupe.query;

import static java.util.Objects.requireNonNull;

import dev.loupe.storage.Page;
import dev.loupe.storage.SessionDetail;
import dev.loupe.storage.SessionQuery;
import dev.loupe.storage.SessionSummary;
import dev.loupe.storage.TraceStore;

/**
 * {@code GET /api/public/sessions} and {@code /sessions/{id}}: request parameters to {@link
 * TraceStore} calls, always within the caller's project.
 */
public final class SessionQueries {
  private final TraceStore store;

  public SessionQueries(TraceStore store) {
    this.store = requireNonNull(store, "store");
  }

  /** One page of the project's sessions, newest first. */
  public Page<SessionSummary> search(String projectId, QueryParams params) {
    return store.searchSessions(query(projectId, params));
  }

  /** The session with its traces. */
  public SessionDetail get(String projectId, String sessionId) {
    return store
        .getSession(projectId, sessionId)
        .orElseThrow(() -> new NotFoundException("session", sessionId));
  }

  static SessionQuery query(String projectId, QueryParams p) {
    ApiParams.rejectUnsupported(p);
    return new SessionQuery(
        projectId,
        p.instant("fromTimestamp"),
        p.instant("toTimestamp"),
        p.string("environment"),
        ApiParams.paging(p));
  }
}
