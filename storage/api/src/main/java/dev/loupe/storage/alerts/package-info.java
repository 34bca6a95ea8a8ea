/**
 * Alerts, as stored: a rule (a one-number metrics query over a sliding window, a comparison and a
 * threshold, how often to evaluate, how long a breach must last, where to notify), the channels it
 * notifies, its current status, the history of its state changes and the log of every notification
 * attempt. Values validate themselves when built; every message names the field. The rules that
 * evaluate and notify live in the {@code alerting} module; {@link dev.loupe.storage.AlertStore}
 * keeps them.
 */
package dev.loupe.storage.alerts;
