package dev.loupe.server.ui;

import static java.util.Objects.requireNonNull;

import dev.loupe.query.ObservationQueries;
import dev.loupe.query.SessionQueries;
import dev.loupe.query.TraceQueries;
import dev.loupe.server.auth.Authenticator;
import dev.loupe.server.prices.PriceCatalog;
import dev.loupe.server.ui.alerts.AlertPages;
import dev.loupe.server.ui.evaluation.EvaluationPages;
import dev.loupe.server.ui.scores.AnnotationPages;
import dev.loupe.server.ui.scores.ScoreViews;
import dev.loupe.storage.AnalyticsStore;
import dev.loupe.storage.ProjectStore;
import java.time.Clock;
import java.util.Optional;

/**
 * What the UI reads: the same query services, analytics store and price catalog the API answers
 * from, so a figure on a page is the figure the API gives.
 *
 * @param scores the scores shown on the trace, observation and session pages
 * @param annotations the annotation form's handler
 * @param alerts the Alerts pages
 * @param evaluations the evaluation rules page and its forms
 * @param adminPassword {@code LOUPE_ADMIN_PASSWORD}: when set, signs in to any project
 */
public record UiContext(
    TraceQueries traces,
    ObservationQueries observations,
    SessionQueries sessions,
    ScoreViews scores,
    AnnotationPages annotations,
    AlertPages alerts,
    EvaluationPages evaluations,
    AnalyticsStore analytics,
    PriceCatalog prices,
    ProjectStore projects,
    Authenticator auth,
    Clock clock,
    Optional<String> adminPassword) {
  public UiContext {
    requireNonNull(traces, "traces");
    requireNonNull(observations, "observations");
    requireNonNull(sessions, "sessions");
    requireNonNull(scores, "scores");
    requireNonNull(annotations, "annotations");
    requireNonNull(alerts, "alerts");
    requireNonNull(evaluations, "evaluations");
    requireNonNull(analytics, "analytics");
    requireNonNull(prices, "prices");
    requireNonNull(projects, "projects");
    requireNonNull(auth, "auth");
    requireNonNull(clock, "clock");
    requireNonNull(adminPassword, "adminPassword");
  }
}
