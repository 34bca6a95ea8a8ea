package dev.loupe.storage;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Score;
import dev.loupe.model.Trace;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Scores of {@link InMemoryStorage}, kept beside the traces they name. */
final class InMemoryScoreStore implements ScoreStore {
  static final Comparator<Score> OLDEST_FIRST =
      Comparator.comparing(Score::timestamp).thenComparing(Score::id, InMemoryOrder.TEXT);

  private final InMemoryTables tables;

  InMemoryScoreStore(InMemoryTables tables) {
    this.tables = tables;
  }

  @Override
  public void putScores(List<Score> scores) {
    requireNonNull(scores, "scores").forEach(s -> requireNonNull(s, "score"));
    tables.write(scores);
  }

  @Override
  public Optional<Score> getScore(String projectId, String id) {
    requireNonNull(id, "id");
    return tables.read(
        requireNonNull(projectId, "projectId"), rows -> Optional.ofNullable(rows.score(id)));
  }

  @Override
  public boolean deleteScore(String projectId, String id) {
    return tables.deleteScore(requireNonNull(projectId, "projectId"), requireNonNull(id, "id"));
  }

  @Override
  public Page<ScoreSummary> searchScores(ScoreQuery q) {
    requireNonNull(q, "query");
    return tables.read(
        q.projectId(),
        rows -> {
          List<ScoreSummary> all =
              rows.scores().stream()
                  .map(s -> new ScoreSummary(s, facts(traceOf(s, rows))))
                  .filter(s -> matches(q, s.score(), traceOf(s.score(), rows)))
                  .sorted(Comparator.comparing(ScoreSummary::score, OLDEST_FIRST.reversed()))
                  .toList();
          return Page.slice(all, q.paging().page(), q.paging().limit());
        });
  }

  @Override
  public List<Score> scoresOfTraces(String projectId, Collection<String> traceIds) {
    Set<String> ids = Set.copyOf(requireNonNull(traceIds, "traceIds"));
    return tables.read(
        requireNonNull(projectId, "projectId"),
        rows ->
            rows.scores().stream()
                .filter(s -> s.target().traceId() != null && ids.contains(s.target().traceId()))
                .sorted(OLDEST_FIRST)
                .toList());
  }

  @Override
  public List<Score> scoresOfSession(String projectId, String sessionId) {
    requireNonNull(sessionId, "sessionId");
    return tables.read(
        requireNonNull(projectId, "projectId"),
        rows ->
            rows.scores().stream()
                .filter(s -> sessionId.equals(s.target().sessionId()))
                .sorted(OLDEST_FIRST)
                .toList());
  }

  private static @Nullable Trace traceOf(Score s, ProjectRows rows) {
    return s.target().traceId() == null ? null : rows.trace(s.target().traceId());
  }

  static ScoreSummary.@Nullable TraceFacts facts(@Nullable Trace t) {
    return t == null
        ? null
        : new ScoreSummary.TraceFacts(t.userId(), t.tags(), t.environment(), t.sessionId());
  }

  private static boolean matches(ScoreQuery q, Score s, @Nullable Trace t) {
    if (!eq(q.name(), s.name())
        || (q.source() != null && q.source() != s.source())
        || (q.dataType() != null && q.dataType() != s.dataType())
        || !eq(q.configId(), s.configId())
        || !eq(q.queueId(), s.queueId())
        || !eq(q.traceId(), s.target().traceId())
        || !eq(q.sessionId(), s.target().sessionId())
        || !eq(q.datasetRunId(), s.target().datasetRunId())
        || !anyOf(q.observationIds(), s.target().observationId())
        || !anyOf(q.environments(), s.environment())
        || !anyOf(q.scoreIds(), s.id())
        || !within(s.timestamp(), q.fromTimestamp(), q.toTimestamp())) {
      return false;
    }
    if (q.value() != null && (s.value() == null || !q.value().matches(s.value()))) return false;
    if (q.userId() != null && (t == null || !q.userId().equals(t.userId()))) return false;
    return q.traceTags().isEmpty() || (t != null && t.tags().containsAll(q.traceTags()));
  }

  private static boolean eq(@Nullable String wanted, @Nullable String actual) {
    return wanted == null || wanted.equals(actual);
  }

  private static boolean anyOf(List<String> wanted, @Nullable String actual) {
    return wanted.isEmpty() || (actual != null && wanted.contains(actual));
  }

  private static boolean within(Instant t, @Nullable Instant from, @Nullable Instant to) {
    return (from == null || !t.isBefore(from)) && (to == null || t.isBefore(to));
  }

  @Override
  public String toString() {
    return "InMemoryScoreStore{}";
  }
}
