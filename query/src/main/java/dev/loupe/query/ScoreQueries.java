package dev.loupe.query;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Score;
import dev.loupe.model.ScoreConfig;
import dev.loupe.model.ScoreDataType;
import dev.loupe.model.ScoreSource;
import dev.loupe.storage.Page;
import dev.loupe.storage.ScoreConfigStore;
import dev.loupe.storage.ScoreQuery;
import dev.loupe.storage.ScoreStore;
import dev.loupe.storage.ScoreSummary;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/public/v2/scores}, {@code /v2/scores/{id}} and {@code /score-configs}: request
 * parameters to {@link ScoreStore} and {@link ScoreConfigStore} calls, always within the caller's
 * project.
 *
 * <p>The score list takes Langfuse's filters: {@code name}, {@code source}, {@code dataType},
 * {@code configId}, {@code queueId}, {@code traceId}, {@code observationId} (comma-separated),
 * {@code sessionId}, {@code datasetRunId}, {@code userId} and {@code traceTags} (repeatable, all
 * present) of the scored trace, {@code environment} (repeatable, any of), {@code scoreIds}
 * (comma-separated), {@code fromTimestamp}/{@code toTimestamp}, {@code operator} with {@code value}
 * ({@code < > <= >= = !=}), and {@code fields} ({@code score}, {@code trace}; both by default;
 * filtering by the trace's facts needs {@code trace}). The JSON {@code filter} is refused rather
 * than ignored.
 */
public final class ScoreQueries {
  private final ScoreStore scores;
  private final ScoreConfigStore configs;

  public ScoreQueries(ScoreStore scores, ScoreConfigStore configs) {
    this.scores = requireNonNull(scores, "scores");
    this.configs = requireNonNull(configs, "configs");
  }

  /** A page of the list and whether its rows carry their trace's facts ({@code fields}). */
  public record Listing(Page<ScoreSummary> page, boolean withTrace) {}

  /** One page of the project's scores matching the parameters. */
  public Listing search(String projectId, QueryParams params) {
    boolean withTrace = withTrace(params);
    return new Listing(scores.searchScores(query(projectId, params, withTrace)), withTrace);
  }

  /** One score of the project. */
  public Score get(String projectId, String id) {
    return scores.getScore(projectId, id).orElseThrow(() -> new NotFoundException("score", id));
  }

  /** The scores of these traces and of their observations, oldest first. */
  public List<Score> ofTraces(String projectId, Collection<String> traceIds) {
    return scores.scoresOfTraces(projectId, traceIds);
  }

  /** The scores of the session itself, oldest first. */
  public List<Score> ofSession(String projectId, String sessionId) {
    return scores.scoresOfSession(projectId, sessionId);
  }

  /** One page of the project's score configs, newest first. */
  public Page<ScoreConfig> configs(String projectId, QueryParams params) {
    return configs.listScoreConfigs(projectId, ApiParams.paging(params));
  }

  /** One score config of the project. */
  public ScoreConfig config(String projectId, String id) {
    return configs
        .getScoreConfig(projectId, id)
        .orElseThrow(() -> new NotFoundException("score config", id));
  }

  static ScoreQuery query(String projectId, QueryParams p, boolean withTrace) {
    ApiParams.rejectUnsupported(p);
    String userId = p.string("userId");
    List<String> traceTags = p.strings("traceTags");
    if (!withTrace && (userId != null || !traceTags.isEmpty())) {
      throw new InvalidParameterException(
          "fields", "filtering by userId or traceTags needs the 'trace' field group");
    }
    return ScoreQuery.builder(projectId)
        .name(p.string("name"))
        .source(p.choice("source", ScoreSource::fromWire, "API, ANNOTATION, EVAL"))
        .dataType(
            p.choice("dataType", ScoreDataType::fromWire, "NUMERIC, CATEGORICAL, BOOLEAN, TEXT"))
        .configId(p.string("configId"))
        .queueId(p.string("queueId"))
        .traceId(p.string("traceId"))
        .observationIds(commaSeparated(p, "observationId"))
        .sessionId(p.string("sessionId"))
        .datasetRunId(p.string("datasetRunId"))
        .userId(userId)
        .traceTags(traceTags)
        .environments(p.strings("environment"))
        .scoreIds(commaSeparated(p, "scoreIds"))
        .fromTimestamp(p.instant("fromTimestamp"))
        .toTimestamp(p.instant("toTimestamp"))
        .value(valueFilter(p, "operator", "value"))
        .paging(ApiParams.paging(p))
        .build();
  }

  private static boolean withTrace(QueryParams p) {
    String fields = p.string("fields");
    if (fields == null) return true;
    Set<String> groups = Set.copyOf(commaSeparated(p, "fields"));
    for (String g : groups) {
      if (!g.equals("score") && !g.equals("trace")) {
        throw new InvalidParameterException(
            "fields", "unknown field group '" + g + "'; expected score, trace");
      }
    }
    return groups.contains("trace");
  }

  /** A comparison of the score's number from two parameters; null when both are absent. */
  static ScoreQuery.@org.jspecify.annotations.Nullable ValueFilter valueFilter(
      QueryParams p, String operatorParam, String valueParam) {
    String operator = blankToNull(p.string(operatorParam));
    String value = blankToNull(p.string(valueParam));
    if (operator == null && value == null) return null;
    if (operator == null)
      throw new InvalidParameterException(operatorParam, "required with " + valueParam);
    if (value == null)
      throw new InvalidParameterException(valueParam, "required with " + operatorParam);
    ScoreQuery.Operator op =
        ScoreQuery.Operator.fromSymbol(operator)
            .orElseThrow(
                () ->
                    new InvalidParameterException(
                        operatorParam,
                        "unknown operator '"
                            + operator
                            + "'; expected one of <, >, <=, >=, =, !="));
    double threshold;
    try {
      threshold = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new InvalidParameterException(valueParam, "not a number: '" + value + "'");
    }
    if (!Double.isFinite(threshold)) {
      throw new InvalidParameterException(valueParam, "not a finite number: '" + value + "'");
    }
    return new ScoreQuery.ValueFilter(op, threshold);
  }

  private static @org.jspecify.annotations.Nullable String blankToNull(
      @org.jspecify.annotations.Nullable String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** The values of a parameter, each split at commas, blanks dropped. */
  private static List<String> commaSeparated(QueryParams p, String name) {
    return p.strings(name).stream()
        .flatMap(v -> Arrays.stream(v.split(",")))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
