package dev.loupe.ingest.langfuse;

import dev.loupe.ingest.convention.EnvironmentRule;
import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import java.time.Instant;

/** {@code trace-create} bodies to traces; also the shallow trace each observation implies. */
final class TraceMapper {
  static final int MAX_NAME_LENGTH = 1000;

  private TraceMapper() {}

  /** A trace-create body; a later trace-create of the same id is an update, merged by storage. */
  static Trace trace(String projectId, Instant eventTime, Fields body) {
    String id = body.requiredId("id");
    Instant timestamp = body.instant("timestamp");
    return Trace.builder(projectId, id, timestamp != null ? timestamp : eventTime)
        .name(body.string("name", MAX_NAME_LENGTH))
        .userId(body.string("userId"))
        .sessionId(body.string("sessionId"))
        .tags(body.strings("tags"))
        .input(body.json("input"))
        .output(body.json("output"))
        .metadata(body.metadata("metadata"))
        .environment(EnvironmentRule.normalize(body.string("environment")))
        .release(body.string("release"))
        .version(body.string("version"))
        .isPublic(Boolean.TRUE.equals(body.bool("public")))
        .build();
  }

  /**
   * The trace an observation belongs to, with only what the observation knows, so that the trace
   * exists.
   */
  static Trace shallow(Observation o) {
    return Trace.builder(o.projectId(), o.traceId(), o.startTime())
        .environment(o.environment())
        .build();
  }
}
