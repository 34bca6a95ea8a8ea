package dev.loupe.storage;

import dev.loupe.model.Score;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A project's scores. Every method is scoped to one project; scores of one project are invisible to
 * another. Writes are durable on return.
 *
 * <p>Idempotent on id: {@link #putScores} replaces a stored score of the same (projectId, id) with
 * the new one, except that the stored row keeps the earlier {@code createdAt}, so a re-sent score
 * updates and never duplicates (evaluators rely on this: a deterministic id per (rule, target)
 * makes a re-run overwrite its own results).
 *
 * <pre>{@code
 * store.putScores(List.of(score));                         // durable on return
 * Page<ScoreSummary> page = store.searchScores(ScoreQuery.builder("proj").traceId(t).build());
 * }</pre>
 */
public interface ScoreStore {
  /**
   * Stores the scores in order, all or nothing; a score replaces one of the same (projectId, id),
   * keeping the earlier {@code createdAt}.
   */
  void putScores(List<Score> scores);

  /** One score; empty when unknown in the project. */
  Optional<Score> getScore(String projectId, String id);

  /** Deletes a score; false when it was not there. */
  boolean deleteScore(String projectId, String id);

  /**
   * Scores matching the query, newest {@code timestamp} first, then id descending, each with the
   * facts of its trace (when it names a trace whose row exists).
   */
  Page<ScoreSummary> searchScores(ScoreQuery query);

  /**
   * Every score naming one of these traces (its own or one of its observations'), by trace order:
   * timestamp, then id.
   */
  List<Score> scoresOfTraces(String projectId, Collection<String> traceIds);

  /** Every score of this session itself (not of its traces), by timestamp, then id. */
  List<Score> scoresOfSession(String projectId, String sessionId);
}
