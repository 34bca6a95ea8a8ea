package dev.loupe.semconv;

import java.util.List;

/** Values of {@link LangfuseAttributes#OBSERVATION_TYPE}, lowercase as on the wire. */
public final class ObservationTypeValues {
  /** Generic unit of work (the default). */
  public static final String SPAN = "span";

  /** One model call: carries model, usage and cost. */
  public static final String GENERATION = "generation";

  /** A point in time. */
  public static final String EVENT = "event";

  /** A tool call: name, arguments (input) and result (output). */
  public static final String TOOL = "tool";

  /** An agent run that decides which tools/models to call. */
  public static final String AGENT = "agent";

  /** A fixed sequence of steps. */
  public static final String CHAIN = "chain";

  /** Retrieval from a store or index. */
  public static final String RETRIEVER = "retriever";

  /** One embedding call: carries model, usage and cost. */
  public static final String EMBEDDING = "embedding";

  /** An evaluation of another observation's output. */
  public static final String EVALUATOR = "evaluator";

  /** A safety or policy check. */
  public static final String GUARDRAIL = "guardrail";

  /** Every value, in declaration order. */
  public static final List<String> ALL =
      List.of(
          SPAN, GENERATION, EVENT, TOOL, AGENT, CHAIN, RETRIEVER, EMBEDDING, EVALUATOR, GUARDRAIL);

  private ObservationTypeValues() {}
}
