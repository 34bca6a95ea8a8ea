package dev.loupe.server.ui.scores;

import dev.loupe.model.Score;
import dev.loupe.model.ScoreCategory;
import dev.loupe.model.ScoreConfig;
import dev.loupe.model.ScoreDataType;
import dev.loupe.query.QueryParams;
import dev.loupe.query.ScoreQueries;
import dev.loupe.server.ui.Formats;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Builds the {@link ScoresView}s of the trace page, the observation panel and the session page. */
public final class ScoreViews {
  private final ScoreQueries scores;

  public ScoreViews(ScoreQueries scores) {
    this.scores = Objects.requireNonNull(scores, "scores");
  }

  /** Every score of the trace (its observations' marked with the observation). */
  public ScoresView ofTrace(String projectId, String traceId, String back) {
    return view(
        projectId, scores.ofTraces(projectId, List.of(traceId)), s -> true, traceId, "", "", back);
  }

  /** The scores of one observation of the trace. */
  public ScoresView ofObservation(
      String projectId, String traceId, String observationId, String back) {
    return view(
        projectId,
        scores.ofTraces(projectId, List.of(traceId)),
        s -> observationId.equals(s.target().observationId()),
        traceId,
        observationId,
        "",
        back);
  }

  /** The scores of the session itself. */
  public ScoresView ofSession(String projectId, String sessionId, String back) {
    return view(
        projectId, scores.ofSession(projectId, sessionId), s -> true, "", "", sessionId, back);
  }

  /**
   * The scores of each trace in short, {@code name value} joined by {@code ·}, oldest first (its
   * observations' included); traces without scores are absent.
   */
  public Map<String, String> summaries(String projectId, List<String> traceIds) {
    if (traceIds.isEmpty()) return Map.of();
    return scores.ofTraces(projectId, traceIds).stream()
        .collect(
            Collectors.groupingBy(
                s -> s.target().traceId(),
                Collectors.mapping(s -> s.name() + " " + display(s), Collectors.joining(" · "))));
  }

  private ScoresView view(
      String projectId,
      List<Score> all,
      Predicate<Score> shown,
      String traceId,
      String observationId,
      String sessionId,
      String back) {
    List<ScoreConfig> configs = scores.configs(projectId, QueryParams.parse("limit=100")).items();
    Map<String, ScoreConfig> byId =
        configs.stream().collect(Collectors.toMap(ScoreConfig::id, c -> c));
    List<ScoresView.Row> rows =
        all.stream()
            .filter(shown)
            .map(s -> row(s, observationId.isEmpty(), byId.get(s.configId())))
            .toList();
    List<ScoresView.ConfigOption> options =
        configs.stream()
            .filter(c -> !c.archived())
            .map(c -> new ScoresView.ConfigOption(c.id(), c.name(), c.dataType().name(), hint(c)))
            .toList();
    return new ScoresView(rows, traceId, observationId, sessionId, back, options);
  }

  private static ScoresView.Row row(Score s, boolean markObservation, ScoreConfig config) {
    String on =
        markObservation && s.target().observationId() != null ? s.target().observationId() : "";
    return new ScoresView.Row(
        s.id(),
        s.name(),
        display(s),
        s.dataType().name(),
        s.source().name(),
        Formats.text(s.comment()),
        Formats.text(s.authorUserId()),
        Formats.time(s.timestamp()),
        on,
        config != null && !config.archived(),
        Formats.text(s.configId()),
        s.stringValue() != null ? s.stringValue() : Score.plain(s.value()));
  }

  private static String display(Score s) {
    if (s.dataType() == ScoreDataType.NUMERIC) return Score.plain(s.value());
    return s.stringValue() != null ? s.stringValue() : Score.plain(s.value());
  }

  private static String hint(ScoreConfig c) {
    return switch (c.dataType()) {
      case NUMERIC ->
          "a number"
              + (c.minValue() != null ? " ≥ " + Score.plain(c.minValue()) : "")
              + (c.maxValue() != null ? " ≤ " + Score.plain(c.maxValue()) : "");
      case BOOLEAN -> "True or False";
      case CATEGORICAL ->
          c.categories().stream().map(ScoreCategory::label).collect(Collectors.joining(", "));
      case TEXT -> "text, 1 to " + Score.MAX_TEXT_LENGTH + " characters";
    };
  }
}
