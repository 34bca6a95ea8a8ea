package dev.loupe.model;

import org.jspecify.annotations.Nullable;

/**
 * What a score judges: a trace, one observation of a trace, a session or a dataset run. At least
 * one of {@code traceId}, {@code sessionId} and {@code datasetRunId} is set; an {@code
 * observationId} needs its {@code traceId}.
 */
public record ScoreTarget(
    @Nullable String traceId,
    @Nullable String observationId,
    @Nullable String sessionId,
    @Nullable String datasetRunId) {

  public ScoreTarget {
    traceId = blankToNull(traceId);
    observationId = blankToNull(observationId);
    sessionId = blankToNull(sessionId);
    datasetRunId = blankToNull(datasetRunId);
    if (observationId != null && traceId == null) {
      throw new IllegalArgumentException("traceId: is required with an observationId");
    }
    if (traceId == null && sessionId == null && datasetRunId == null) {
      throw new IllegalArgumentException(
          "traceId: a score needs a traceId, a sessionId or a datasetRunId");
    }
  }

  public static ScoreTarget trace(String traceId) {
    return new ScoreTarget(traceId, null, null, null);
  }

  public static ScoreTarget observation(String traceId, String observationId) {
    return new ScoreTarget(traceId, observationId, null, null);
  }

  public static ScoreTarget session(String sessionId) {
    return new ScoreTarget(null, null, sessionId, null);
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
