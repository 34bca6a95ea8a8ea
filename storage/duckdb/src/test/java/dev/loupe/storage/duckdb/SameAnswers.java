package dev.loupe.storage.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Observation;
import dev.loupe.storage.ObservationQuery;
import dev.loupe.storage.Paging;
import dev.loupe.storage.SessionQuery;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.TraceStore;
import java.math.BigDecimal;
import java.util.List;

/** Asserts that two trace stores answer every read alike: field by field, decimals by value. */
final class SameAnswers {
  private SameAnswers() {}

  static void assertSameAnswers(
      TraceStore expected, TraceStore actual, String project, int traceIds, int observationIds) {
    for (int i = 0; i < traceIds; i++) {
      String id = RandomRows.traceId(i);
      assertEqual(actual.getTrace(project, id), expected.getTrace(project, id), "getTrace " + id);
    }
    for (int i = 0; i < observationIds; i++) {
      String id = RandomRows.observationId(i);
      assertEqual(
          actual.getObservation(project, id),
          expected.getObservation(project, id),
          "getObservation " + id);
    }
    ObservationQuery all = ObservationQuery.builder(project).paging(1, Paging.MAX_LIMIT).build();
    assertEqual(
        actual.searchObservations(all), expected.searchObservations(all), "searchObservations");
    for (TraceQuery.OrderBy order : TraceQuery.OrderBy.values()) {
      TraceQuery q =
          TraceQuery.builder(project)
              .orderBy(order, dev.loupe.storage.SortDirection.ASC)
              .paging(1, Paging.MAX_LIMIT)
              .build();
      assertEqual(actual.searchTraces(q), expected.searchTraces(q), "searchTraces by " + order);
    }
    SessionQuery sessions = new SessionQuery(project, null, null, null, Paging.FIRST_50);
    assertEqual(
        actual.searchSessions(sessions), expected.searchSessions(sessions), "searchSessions");
    for (String session : List.of("session-0", "session-1")) {
      assertEqual(
          actual.getSession(project, session), expected.getSession(project, session), "getSession");
    }
  }

  static void assertEqual(Object actual, Object expected, String what) {
    assertThat(actual)
        .as(what)
        .usingRecursiveComparison()
        .withStrictTypeChecking()
        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
        .isEqualTo(expected);
  }

  static List<String> ids(List<Observation> observations) {
    return observations.stream().map(Observation::id).toList();
  }
}
