package dev.loupe.storage;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.Saturating;
import dev.loupe.model.Trace;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads of {@link InMemoryStorage}: each one runs under the read lock on one project's rows. */
final class InMemoryTraceStore implements TraceStore {
  private final InMemoryTables tables;

  InMemoryTraceStore(InMemoryTables tables) {
    this.tables = tables;
  }

  @Override
  public Optional<TraceDetail> getTrace(String projectId, String traceId) {
    return tables.read(
        projectId,
        rows ->
            Optional.ofNullable(rows.trace(traceId))
                .map(t -> new TraceDetail(t, rows.observationsOf(traceId))));
  }

  @Override
  public Page<TraceSummary> searchTraces(TraceQuery query) {
    return tables.read(
        query.projectId(),
        rows -> {
          if (!query.byObservations()) {
            return page(
                rows.traces().stream()
                    .filter(t -> InMemoryFilters.matches(query, t))
                    .filter(t -> InMemoryFilters.scored(query.score(), rows.scores(), t.id()))
                    .sorted(InMemoryOrder.traces(query.orderBy(), query.direction()))
                    .toList(),
                query.paging(),
                t -> summary(t, rows.observationsOf(t.id())));
          }
          return page(
              rows.traces().stream()
                  .filter(t -> InMemoryFilters.matches(query, t))
                  .filter(t -> InMemoryFilters.scored(query.score(), rows.scores(), t.id()))
                  .filter(t -> InMemoryFilters.matches(query, rows.observationsOf(t.id())))
                  .map(t -> summary(t, rows.observationsOf(t.id())))
                  .filter(s -> InMemoryFilters.matches(query, s))
                  .sorted(InMemoryOrder.summaries(query.orderBy(), query.direction()))
                  .toList(),
              query.paging(),
              Function.identity());
        });
  }

  @Override
  public Optional<Observation> getObservation(String projectId, String observationId) {
    return tables.read(projectId, rows -> Optional.ofNullable(rows.observation(observationId)));
  }

  @Override
  public Page<Observation> searchObservations(ObservationQuery query) {
    return tables.read(
        query.projectId(),
        rows ->
            page(
                rows.observations().stream()
                    .filter(o -> InMemoryFilters.matches(query, o, rows.trace(o.traceId())))
                    .sorted(InMemoryOrder.observations(query.orderBy(), query.direction()))
                    .toList(),
                query.paging(),
                Function.identity()));
  }

  @Override
  public Page<SessionSummary> searchSessions(SessionQuery query) {
    return tables.read(
        query.projectId(),
        rows ->
            page(
                sessions(rows).entrySet().stream()
                    .map(e -> session(query.projectId(), e.getKey(), e.getValue()))
                    .filter(s -> InMemoryFilters.matches(query, s))
                    .sorted(InMemoryOrder.SESSIONS_NEWEST_FIRST)
                    .toList(),
                query.paging(),
                Function.identity()));
  }

  @Override
  public Optional<SessionDetail> getSession(String projectId, String sessionId) {
    return tables.read(
        projectId,
        rows -> {
          List<Trace> traces =
              rows.traces().stream()
                  .filter(t -> sessionId.equals(t.sessionId()))
                  .sorted(InMemoryOrder.TRACES_OLDEST_FIRST)
                  .toList();
          return traces.isEmpty()
              ? Optional.empty()
              : Optional.of(new SessionDetail(session(projectId, sessionId, traces), traces));
        });
  }

  private static TraceSummary summary(Trace trace, List<Observation> observations) {
    return new TraceSummary(
        trace,
        observations.stream().map(Observation::id).toList(),
        TraceDetail.totalCost(observations),
        TraceDetail.latency(observations),
        observations.stream()
            .filter(Observation::countsInTotals)
            .mapToLong(Observation::totalTokens)
            .reduce(0, Saturating::add),
        observations.stream().filter(o -> o.level() == Level.ERROR).count(),
        observations.stream().filter(o -> o.costSource() == CostSource.NO_PRICE).count());
  }

  /** Traces with a sessionId, grouped by it. */
  private static Map<String, List<Trace>> sessions(ProjectRows rows) {
    return rows.traces().stream()
        .filter(t -> t.sessionId() != null)
        .collect(Collectors.groupingBy(t -> Objects.requireNonNull(t.sessionId())));
  }

  /** createdAt and environment come from the session's first trace (by timestamp, then id). */
  private static SessionSummary session(String projectId, String sessionId, List<Trace> traces) {
    Trace first = traces.stream().min(InMemoryOrder.TRACES_OLDEST_FIRST).orElseThrow();
    return new SessionSummary(
        projectId, sessionId, first.timestamp(), first.environment(), traces.size());
  }

  private static <R, T> Page<T> page(List<R> sorted, Paging paging, Function<R, T> view) {
    Page<R> slice = Page.slice(sorted, paging.page(), paging.limit());
    return new Page<>(
        slice.items().stream().map(view).toList(), slice.page(), slice.limit(), slice.totalItems());
  }
}
