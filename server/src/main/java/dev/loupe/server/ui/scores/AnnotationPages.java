package dev.loupe.server.ui.scores;

import static java.util.Objects.requireNonNull;

import dev.loupe.evaluation.Scores;
import dev.loupe.model.ScoreConfig;
import dev.loupe.model.ScoreInput;
import dev.loupe.model.ScoreSource;
import dev.loupe.model.ScoreTarget;
import dev.loupe.model.Trace;
import dev.loupe.query.InvalidParameterException;
import dev.loupe.query.QueryParams;
import dev.loupe.query.ScoreQueries;
import dev.loupe.server.http.Exchange;
import dev.loupe.server.ui.Pages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Annotation: {@code POST /ui/scores} adds a score (source {@code ANNOTATION}) against one of the
 * project's configs, or changes one ({@code scoreId}), with the annotator's name as {@code
 * authorUserId} and their comment; then returns to the page it came from. The form's value is read
 * as the config's type takes it (a number; {@code True}/{@code False}; a category's label; a text).
 * A refusal is the UI's 400 page naming the field; nothing is stored.
 */
public final class AnnotationPages {
  public static final String PATH = "/ui/scores";

  private final Scores scores;
  private final ScoreQueries queries;
  private final Clock clock;

  public AnnotationPages(Scores scores, ScoreQueries queries, Clock clock) {
    this.scores = requireNonNull(scores, "scores");
    this.queries = requireNonNull(queries, "queries");
    this.clock = requireNonNull(clock, "clock");
  }

  public void submit(Exchange ex, String projectId) throws IOException {
    QueryParams form = QueryParams.parse(new String(ex.body(), StandardCharsets.UTF_8));
    String configId = required(form, "configId");
    ScoreConfig config = queries.config(projectId, configId);
    String author = required(form, "author");
    String value = required(form, "value").strip();
    String scoreId = form.string("scoreId");
    Double number = null;
    String text = null;
    switch (config.dataType()) {
      case NUMERIC -> number = number(value);
      case BOOLEAN -> number = bool(value);
      case CATEGORICAL, TEXT -> text = value;
    }
    ScoreTarget target =
        new ScoreTarget(
            blankToNull(form.string("traceId")),
            blankToNull(form.string("observationId")),
            blankToNull(form.string("sessionId")),
            null);
    scores.create(
        new ScoreInput(
            projectId,
            scoreId == null || scoreId.isBlank() ? UUID.randomUUID().toString() : scoreId,
            config.name(),
            number,
            text,
            config.dataType(),
            ScoreSource.ANNOTATION,
            target,
            clock.instant(),
            blankToNull(form.string("comment")),
            null,
            config.id(),
            null,
            author,
            Trace.DEFAULT_ENVIRONMENT));
    Pages.redirect(ex, back(form.string("back")), Map.of());
  }

  private static String required(QueryParams form, String field) {
    String v = form.string(field);
    if (v == null || v.isBlank()) throw new InvalidParameterException(field, "is required");
    return v;
  }

  private static double number(String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new InvalidParameterException(
          "value", "a NUMERIC score takes a number, got '" + v + "'");
    }
  }

  private static double bool(String v) {
    if (v.equalsIgnoreCase("true") || v.equals("1")) return 1;
    if (v.equalsIgnoreCase("false") || v.equals("0")) return 0;
    throw new InvalidParameterException(
        "value", "a BOOLEAN score is True or False, got '" + v + "'");
  }

  /** Only a page of the UI: never another site (an open redirect). */
  private static String back(@Nullable String back) {
    if (back == null || !back.startsWith("/ui/") || back.startsWith("//")) return "/ui/traces";
    return back;
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
