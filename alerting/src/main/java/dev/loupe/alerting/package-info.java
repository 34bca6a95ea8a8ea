/**
 * Alerts on metrics and scores: {@link dev.loupe.alerting.Alerts} keeps a project's rules and
 * channels valid, {@link dev.loupe.alerting.AlertScheduler} evaluates the rules on their intervals
 * ({@link dev.loupe.alerting.Evaluator}, {@link dev.loupe.alerting.Transitions}) and {@link
 * dev.loupe.alerting.Notifier} delivers what changed to webhooks, signed ({@link
 * dev.loupe.alerting.WebhookSigner}), retried and logged.
 */
@NullMarked
package dev.loupe.alerting;

import org.jspecify.annotations.NullMarked;
