package dev.loupe.storage.analytics;

import static dev.loupe.storage.analytics.MetricsView.OBSERVATIONS;
import static dev.loupe.storage.analytics.MetricsView.SCORES_CATEGORICAL;
import static dev.loupe.storage.analytics.MetricsView.SCORES_NUMERIC;
import static dev.loupe.storage.analytics.MetricsView.TRACES;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A field to group or filter by. Values are strings (null when absent). On the observations view,
 * {@code traceName}, {@code userId}, {@code sessionId} and {@code tags} come from the observation's
 * trace (null, or no tags, while the trace row is missing).
 *
 * <p>On the score views, {@code name}, {@code environment}, {@code traceId}, {@code source}, {@code
 * dataType}, {@code configId}, {@code observationId} and {@code stringValue} are the score's own;
 * {@code traceName}, {@code userId} and {@code tags} its trace's; {@code sessionId} the score's
 * own, else its trace's; {@code observationName} and {@code observationModelName} those of the
 * scored observation (null for a score of a whole trace, a session or a run); and {@code model} is
 * the model that produced what was scored: the scored observation's model, or for a score of a
 * whole trace the model of the trace's last model call (its observation with a model that starts
 * last, the greater id on a tie); null otherwise.
 */
public enum Dimension {
  /** Traces: the trace name. Observations: the observation name. Scores: the score name. */
  NAME("name", TRACES, OBSERVATIONS, SCORES_NUMERIC, SCORES_CATEGORICAL),
  USER_ID("userId", TRACES, OBSERVATIONS, SCORES_NUMERIC, SCORES_CATEGORICAL),
  SESSION_ID("sessionId", TRACES, OBSERVATIONS, SCORES_NUMERIC, SCORES_CATEGORICAL),
  ENVIRONMENT("environment", TRACES, OBSERVATIONS, SCORES_NUMERIC, SCORES_CATEGORICAL),
  RELEASE("release", TRACES, OBSERVATIONS),
  VERSION("version", TRACES, OBSERVATIONS),
  /** Filter only: the trace's tags (operators any of, none of, all of). */
  TAGS("tags", TRACES, OBSERVATIONS, SCORES_NUMERIC, SCORES_CATEGORICAL),
  /** Observations and scores: the trace's id. */
  TRACE_ID("traceId", OBSERVATIONS, SCORES_NUMERIC, SCORES_CATEGORICAL),
  TRACE_NAME("traceName", OBSERVATIONS, SCORES_NUMERIC, SCORES_CATEGORICAL),
  /** Observation type wire name, e.g. {@code GENERATION}. */
  TYPE("type", OBSERVATIONS),
  /** Level wire name, e.g. {@code ERROR}. */
  LEVEL("level", OBSERVATIONS),
  /** The model name as the client sent it. */
  PROVIDED_MODEL_NAME("providedModelName", OBSERVATIONS),
  PROMPT_NAME("promptName", OBSERVATIONS),
  /** {@code NONE}, {@code PROVIDED}, {@code CALCULATED} or {@code NO_PRICE}. */
  COST_SOURCE("costSource", OBSERVATIONS),
  /** The id of the price that priced the observation. */
  PRICED_MODEL_ID("pricedModelId", OBSERVATIONS),
  /**
   * {@code OWN}, or {@code DESCENDANTS} for an observation whose usage is the total of its
   * descendants' model calls (its token and cost measures are 0 / null, see the package doc).
   */
  USAGE_SCOPE("usageScope", OBSERVATIONS),
  /** Scores: {@code API}, {@code ANNOTATION} or {@code EVAL}. */
  SOURCE("source", SCORES_NUMERIC, SCORES_CATEGORICAL),
  /** Scores: {@code NUMERIC}, {@code BOOLEAN} or {@code CATEGORICAL}. */
  DATA_TYPE("dataType", SCORES_NUMERIC, SCORES_CATEGORICAL),
  CONFIG_ID("configId", SCORES_NUMERIC, SCORES_CATEGORICAL),
  OBSERVATION_ID("observationId", SCORES_NUMERIC, SCORES_CATEGORICAL),
  /** Scores: the scored observation's name. */
  OBSERVATION_NAME("observationName", SCORES_NUMERIC, SCORES_CATEGORICAL),
  /** Scores: the scored observation's model (Langfuse's meaning). */
  OBSERVATION_MODEL_NAME("observationModelName", SCORES_NUMERIC, SCORES_CATEGORICAL),
  /** Scores: the model that produced what was scored (see the class doc). */
  MODEL("model", SCORES_NUMERIC, SCORES_CATEGORICAL),
  /** Categorical scores: the label. */
  STRING_VALUE("stringValue", SCORES_CATEGORICAL);

  private final String wireName;
  private final Set<MetricsView> views;

  Dimension(String wireName, MetricsView first, MetricsView... more) {
    this.wireName = wireName;
    this.views = EnumSet.of(first, more);
  }

  public String wireName() {
    return wireName;
  }

  public boolean supports(MetricsView view) {
    return views.contains(view);
  }

  /** Whether this can be a grouping dimension ({@link #TAGS} is a filter only). */
  public boolean groupable() {
    return this != TAGS;
  }

  /**
   * The dimension for a wire name on a view.
   *
   * @throws IllegalArgumentException naming the field and the allowed values
   */
  public static Dimension fromWire(String name, MetricsView view, String field) {
    for (Dimension d : values()) {
      if (d.wireName.equals(name) && d.supports(view)) return d;
    }
    throw new IllegalArgumentException(
        field
            + ": unknown dimension '"
            + name
            + "' for view "
            + view.wireName()
            + " (allowed: "
            + Arrays.stream(values())
                .filter(d -> d.supports(view))
                .map(Dimension::wireName)
                .collect(Collectors.joining(", "))
            + ")");
  }
}
