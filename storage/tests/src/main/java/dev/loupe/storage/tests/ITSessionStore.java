package dev.loupe.storage.tests;

import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static dev.loupe.storage.tests.TestObjects.at;
import static dev.loupe.storage.tests.TestObjects.trace;
import static dev.loupe.storage.tests.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Trace;
import dev.loupe.storage.Paging;
import dev.loupe.storage.SessionDetail;
import dev.loupe.storage.SessionQuery;
import dev.loupe.storage.SessionSummary;
import dev.loupe.storage.Storage;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Sessions: traces grouped by sessionId, searched, paged and read with their traces. */
public abstract class ITSessionStore<S extends Storage> extends ITStorage<S> {

  @Test
  protected void searchSessions_groupsTracesBySessionNewestFirstThenId() {
    givenSessionFixture();

    assertThat(store().searchSessions(sessions(q -> q)).items())
        .containsExactly(
            new SessionSummary(PROJECT, "session-3", at(5), "production", 2),
            new SessionSummary(PROJECT, "session-4", at(2), "production", 1),
            new SessionSummary(PROJECT, "session-2", at(2), "production", 1),
            new SessionSummary(PROJECT, "session-1", at(1), "staging", 2));
  }

  @Test
  protected void searchSessions_filtersOnTheFirstTracesTimestampAndEnvironment() {
    givenSessionFixture();

    assertThat(sessionIds(q -> q.fromTimestamp(at(2)).toTimestamp(at(4))))
        .containsExactly("session-4", "session-2");
    assertThat(sessionIds(q -> q.fromTimestamp(at(2))))
        .containsExactly("session-3", "session-4", "session-2");
    assertThat(sessionIds(q -> q.environment("staging"))).containsExactly("session-1");
    assertThat(sessionIds(q -> q.environment("production").toTimestamp(at(5))))
        .containsExactly("session-4", "session-2");
  }

  @Test
  protected void searchSessions_pagesAndCounts() {
    givenSessionFixture();

    var page = store().searchSessions(sessions(q -> q.paging(new Paging(2, 3))));
    assertThat(ids(page, SessionSummary::id)).containsExactly("session-1");
    assertThat(page.totalItems()).isEqualTo(4);
  }

  @Test
  protected void getSession_listsTracesByTimestampThenId() {
    givenSessionFixture();

    SessionDetail s1 = store().getSession(PROJECT, "session-1").orElseThrow();
    assertThat(s1.session())
        .isEqualTo(new SessionSummary(PROJECT, "session-1", at(1), "staging", 2));
    assertThat(s1.traces()).extracting(Trace::id).containsExactly(traceId(2), traceId(1));
    assertStored(s1.traces().getFirst(), getTrace(traceId(2)).trace());
    assertThat(store().getSession(PROJECT, "session-3").orElseThrow().traces())
        .extracting(Trace::id)
        .containsExactly(traceId(8), traceId(9));
  }

  @Test
  protected void getSession_returnsEmptyWhenNoTraceHasTheSession() {
    givenSessionFixture();

    assertThat(store().getSession(PROJECT, "session-99")).isEmpty();
  }

  /**
   * session-1: traces 2 (1h, staging) and 1 (3h); session-2: trace 3 (2h); session-4: trace 4 (2h);
   * session-3: traces 8 (5h, production) and 9 (5h, dev) tied; trace 5 (4h) has no session.
   */
  private void givenSessionFixture() {
    accept(
        trace(PROJECT, traceId(2), at(1)).toBuilder()
            .sessionId("session-1")
            .environment("staging")
            .build(),
        trace(PROJECT, traceId(1), at(3)).toBuilder().sessionId("session-1").build(),
        trace(PROJECT, traceId(3), at(2)).toBuilder().sessionId("session-2").build(),
        trace(PROJECT, traceId(4), at(2)).toBuilder().sessionId("session-4").build(),
        trace(PROJECT, traceId(9), at(5)).toBuilder()
            .sessionId("session-3")
            .environment("dev")
            .build(),
        trace(PROJECT, traceId(8), at(5)).toBuilder().sessionId("session-3").build(),
        trace(PROJECT, traceId(5), at(4)).toBuilder().sessionId(null).build());
  }

  private List<String> sessionIds(UnaryOperator<SessionQuery.Builder> query) {
    return ids(store().searchSessions(sessions(query)), SessionSummary::id);
  }

  private static SessionQuery sessions(UnaryOperator<SessionQuery.Builder> query) {
    return query.apply(SessionQuery.builder(PROJECT)).build();
  }
}
