package dev.loupe.ingest.langfuse;

import dev.loupe.model.ObservationType;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The {@code type} of a batch event: what it writes and, for observations, which type it carries.
 */
enum EventType {
  TRACE_CREATE("trace-create", Kind.TRACE, null, false),
  SPAN_CREATE("span-create", Kind.OBSERVATION, ObservationType.SPAN, false),
  SPAN_UPDATE("span-update", Kind.OBSERVATION, ObservationType.SPAN, true),
  GENERATION_CREATE("generation-create", Kind.OBSERVATION, ObservationType.GENERATION, false),
  GENERATION_UPDATE("generation-update", Kind.OBSERVATION, ObservationType.GENERATION, true),
  EVENT_CREATE("event-create", Kind.OBSERVATION, ObservationType.EVENT, false),
  AGENT_CREATE("agent-create", Kind.OBSERVATION, ObservationType.AGENT, false),
  TOOL_CREATE("tool-create", Kind.OBSERVATION, ObservationType.TOOL, false),
  CHAIN_CREATE("chain-create", Kind.OBSERVATION, ObservationType.CHAIN, false),
  RETRIEVER_CREATE("retriever-create", Kind.OBSERVATION, ObservationType.RETRIEVER, false),
  EVALUATOR_CREATE("evaluator-create", Kind.OBSERVATION, ObservationType.EVALUATOR, false),
  EMBEDDING_CREATE("embedding-create", Kind.OBSERVATION, ObservationType.EMBEDDING, false),
  GUARDRAIL_CREATE("guardrail-create", Kind.OBSERVATION, ObservationType.GUARDRAIL, false),
  /** Legacy: the observation type is in {@code body.type}. */
  OBSERVATION_CREATE("observation-create", Kind.OBSERVATION, null, false),
  /** Legacy: the observation type is in {@code body.type}. */
  OBSERVATION_UPDATE("observation-update", Kind.OBSERVATION, null, true),
  SCORE_CREATE("score-create", Kind.SCORE, null, false),
  SDK_LOG("sdk-log", Kind.SDK_LOG, null, false);

  enum Kind {
    TRACE,
    OBSERVATION,
    SCORE,
    SDK_LOG
  }

  static final String WIRE_NAMES =
      Arrays.stream(values()).map(EventType::wire).collect(Collectors.joining(", "));

  private final String wire;
  private final Kind kind;
  private final @Nullable ObservationType observationType;
  private final boolean update;

  EventType(String wire, Kind kind, @Nullable ObservationType observationType, boolean update) {
    this.wire = wire;
    this.kind = kind;
    this.observationType = observationType;
    this.update = update;
  }

  static Optional<EventType> fromWire(String wire) {
    return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
  }

  String wire() {
    return wire;
  }

  Kind kind() {
    return kind;
  }

  /**
   * The observation type the event carries; null for legacy observation events (read {@code
   * body.type}).
   */
  @Nullable ObservationType observationType() {
    return observationType;
  }

  boolean isUpdate() {
    return update;
  }
}
