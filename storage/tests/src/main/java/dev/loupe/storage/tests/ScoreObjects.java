package dev.loupe.storage.tests;

import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static dev.loupe.storage.tests.TestObjects.at;

import dev.loupe.model.Score;
import dev.loupe.model.ScoreCategory;
import dev.loupe.model.ScoreConfig;
import dev.loupe.model.ScoreDataType;
import dev.loupe.model.ScoreSource;
import dev.loupe.model.ScoreTarget;
import java.time.Instant;
import java.util.List;

/** Scores and score configs of every data type, with every field set. */
public final class ScoreObjects {
  private ScoreObjects() {}

  /** A NUMERIC score of a trace with every optional field set. */
  public static Score numeric(String id, String traceId, double value, Instant timestamp) {
    return Score.builder(PROJECT, id, "helpfulness", ScoreTarget.trace(traceId), timestamp)
        .dataType(ScoreDataType.NUMERIC)
        .value(value)
        .source(ScoreSource.API)
        .comment("answered the question, then some")
        .metadata("{\"grader\":\"rubric-v2\",\"scale\":[0,1]}")
        .configId("cfg-helpfulness")
        .queueId("queue-1")
        .authorUserId(null)
        .environment("production")
        .createdAt(timestamp.plusSeconds(1))
        .updatedAt(timestamp.plusSeconds(1))
        .build();
  }

  /** A BOOLEAN score of an observation. */
  public static Score thumbs(String id, String traceId, String observationId, boolean up) {
    return Score.builder(
            PROJECT, id, "thumbs-up", ScoreTarget.observation(traceId, observationId), at(2))
        .dataType(ScoreDataType.BOOLEAN)
        .value(up ? 1.0 : 0.0)
        .comment(up ? null : "wrong order number")
        .build();
  }

  /** A CATEGORICAL annotation of a session. */
  public static Score category(String id, String sessionId, String label) {
    return Score.builder(PROJECT, id, "tone", ScoreTarget.session(sessionId), at(3))
        .dataType(ScoreDataType.CATEGORICAL)
        .stringValue(label)
        .value(2.0)
        .source(ScoreSource.ANNOTATION)
        .configId("cfg-tone")
        .authorUserId("reviewer@example.com")
        .build();
  }

  /** A TEXT score of a dataset run, in Unicode. */
  public static Score text(String id, String datasetRunId) {
    return Score.builder(
            PROJECT, id, "critique", new ScoreTarget(null, null, null, datasetRunId), at(4))
        .dataType(ScoreDataType.TEXT)
        .stringValue("Réponse correcte ✓, mais trop longue — 長すぎる")
        .source(ScoreSource.EVAL)
        .metadata("{\"judge\":\"gpt-4o\"}")
        .build();
  }

  /** A CATEGORICAL config with three categories. */
  public static ScoreConfig toneConfig(String projectId, String id, Instant createdAt) {
    return new ScoreConfig(
        projectId,
        id,
        "tone",
        ScoreDataType.CATEGORICAL,
        false,
        null,
        null,
        List.of(
            new ScoreCategory(0, "rude"),
            new ScoreCategory(1, "neutral"),
            new ScoreCategory(2, "friendly")),
        "How the reply sounds to the customer",
        createdAt,
        createdAt);
  }

  /** A NUMERIC config from 0 to 1. */
  public static ScoreConfig helpfulnessConfig(String projectId, String id, Instant createdAt) {
    return new ScoreConfig(
        projectId,
        id,
        "helpfulness",
        ScoreDataType.NUMERIC,
        false,
        0.0,
        1.0,
        List.of(),
        null,
        createdAt,
        createdAt.plusSeconds(60));
  }
}
