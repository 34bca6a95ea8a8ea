package dev.loupe.server.ui.evaluation;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The evaluation page: each rule with its live counts and latest failures (linking to their
 * traces), the judge connections (their keys never shown), and the form for a new or edited rule.
 */
public record EvaluationsView(
    String projectId,
    List<RuleRow> rules,
    List<ConnectionRow> connections,
    @Nullable RuleRow editing) {

  /** A rule as the page shows it. */
  public record RuleRow(
      String id,
      String name,
      String evaluator,
      String type,
      String target,
      boolean enabled,
      String sampling,
      String budget,
      int concurrency,
      String filter,
      String prompt,
      long matched,
      long queued,
      long succeeded,
      long failed,
      long skipped,
      String skippedBy,
      String failedBy,
      String retryingBy,
      List<ErrorRow> errors,
      Form form) {}

  /**
   * What the rule form shows for a rule being edited (empty strings for a new one): the fields the
   * form edits, so saving an edit keeps what was not changed.
   */
  public record Form(
      String kind,
      String target,
      String connection,
      String dataType,
      String categories,
      String checkKind,
      String pattern,
      String min,
      String max,
      String traceName,
      String userId,
      String tags,
      String environment,
      String maxCallsPerHour,
      String maxCallsPerDay) {
    public static final Form NEW =
        new Form(
            "llm", "trace", "", "NUMERIC", "", "json_valid", "", "", "", "", "", "", "", "", "");
  }

  /** One of a rule's latest failures. */
  public record ErrorRow(String traceId, String href, String reason, String error, String at) {}

  /** A judge connection: never its key, only its last characters. */
  public record ConnectionRow(String name, String baseUrl, String model, String displayKey) {}
}
