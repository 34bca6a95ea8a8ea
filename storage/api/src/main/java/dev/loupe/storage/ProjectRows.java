package dev.loupe.storage;

import dev.loupe.model.Observation;
import dev.loupe.model.Score;
import dev.loupe.model.Trace;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One project's traces, observations and scores, indexed by id and by trace. Not thread-safe:
 * guarded by the tables.
 */
final class ProjectRows {
  private final Map<String, Trace> traces = new HashMap<>();
  private final Map<String, Score> scores = new HashMap<>();
  private final Map<String, Observation> observations = new HashMap<>();
  private final Map<String, Set<String>> observationIdsByTrace = new HashMap<>();

  void put(Trace merged) {
    traces.put(merged.id(), merged);
  }

  /**
   * Stores a merged row; a merge that moved it to another trace moves it out of the old trace's
   * index.
   */
  void put(Observation merged) {
    Observation old = observations.put(merged.id(), merged);
    if (old != null && !old.traceId().equals(merged.traceId())) {
      Set<String> ids = observationIdsByTrace.get(old.traceId());
      ids.remove(old.id());
      if (ids.isEmpty()) observationIdsByTrace.remove(old.traceId());
    }
    observationIdsByTrace.computeIfAbsent(merged.traceId(), t -> new HashSet<>()).add(merged.id());
  }

  /** Stores a score, keeping the earlier createdAt of one it replaces. */
  void put(Score score) {
    Score old = scores.get(score.id());
    scores.put(
        score.id(),
        old == null || !old.createdAt().isBefore(score.createdAt())
            ? score
            : score.toBuilder().createdAt(old.createdAt()).build());
  }

  @Nullable Score removeScore(String id) {
    return scores.remove(id);
  }

  @Nullable Score score(String id) {
    return scores.get(id);
  }

  Collection<Score> scores() {
    return scores.values();
  }

  @Nullable Trace trace(String id) {
    return traces.get(id);
  }

  @Nullable Observation observation(String id) {
    return observations.get(id);
  }

  Collection<Trace> traces() {
    return traces.values();
  }

  Collection<Observation> observations() {
    return observations.values();
  }

  /** The trace's observations by start time, then id. */
  List<Observation> observationsOf(String traceId) {
    return observationIdsByTrace.getOrDefault(traceId, Set.of()).stream()
        .map(observations::get)
        .sorted(InMemoryOrder.OBSERVATIONS_IN_TRACE)
        .toList();
  }
}
