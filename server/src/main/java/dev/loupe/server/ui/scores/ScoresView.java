package dev.loupe.server.ui.scores;

import java.util.List;

/**
 * The scores of a trace, an observation or a session as shown on its page or panel, with the
 * annotation form: a person picks a config, gives a value, a comment and their name. All values are
 * display text; empty when unknown.
 *
 * @param rows the scores, oldest first
 * @param traceId the target of a new annotation (empty for a session)
 * @param observationId the observation a new annotation scores, empty for the trace itself
 * @param sessionId the session a new annotation scores (only on the session page)
 * @param back where the form returns to: this page
 * @param configs the project's live configs, the annotation form's choices
 */
public record ScoresView(
    List<Row> rows,
    String traceId,
    String observationId,
    String sessionId,
    String back,
    List<ConfigOption> configs) {
  public static final String ACTION = AnnotationPages.PATH;

  public ScoresView {
    rows = List.copyOf(rows);
    configs = List.copyOf(configs);
  }

  /**
   * One score.
   *
   * @param on what it scores when that is not the page's own subject (e.g. an observation's id on
   *     the trace panel), else empty
   * @param editable whether the annotation form may change it (a score made against a config)
   * @param input the value as the form takes it
   */
  public record Row(
      String id,
      String name,
      String value,
      String dataType,
      String source,
      String comment,
      String author,
      String time,
      String on,
      boolean editable,
      String configId,
      String input) {}

  /** A config the annotation form offers: the value it takes, as a hint. */
  public record ConfigOption(String id, String name, String dataType, String hint) {}
}
