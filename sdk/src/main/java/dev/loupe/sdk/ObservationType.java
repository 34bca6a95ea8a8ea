package dev.loupe.sdk;

import dev.loupe.semconv.ObservationTypeValues;

/** What an observation is; sent as {@code langfuse.observation.type} in lowercase. */
public enum ObservationType {
  /** Generic unit of work (the default). */
  SPAN(ObservationTypeValues.SPAN),
  /** One model call: carries model, usage and cost. */
  GENERATION(ObservationTypeValues.GENERATION),
  /** A point in time: ends when it starts. */
  EVENT(ObservationTypeValues.EVENT),
  /** A tool call: arguments as input, result as output. */
  TOOL(ObservationTypeValues.TOOL),
  /** An agent run that decides which tools and models to call. */
  AGENT(ObservationTypeValues.AGENT),
  /** A fixed sequence of steps. */
  CHAIN(ObservationTypeValues.CHAIN),
  /** Retrieval from a store or index. */
  RETRIEVER(ObservationTypeValues.RETRIEVER),
  /** One embedding call: carries model, usage and cost. */
  EMBEDDING(ObservationTypeValues.EMBEDDING),
  /** An evaluation of another observation's output. */
  EVALUATOR(ObservationTypeValues.EVALUATOR),
  /** A safety or policy check. */
  GUARDRAIL(ObservationTypeValues.GUARDRAIL);

  private final String wireValue;

  ObservationType(String wireValue) {
    this.wireValue = wireValue;
  }

  /** The value on the wire, e.g. {@code generation}. */
  public String wireValue() {
    return wireValue;
  }
}
