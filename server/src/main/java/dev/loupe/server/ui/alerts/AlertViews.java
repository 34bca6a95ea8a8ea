package dev.loupe.server.ui.alerts;

import dev.loupe.query.AlertQueries;
import dev.loupe.storage.alerts.AlertChannel;
import dev.loupe.storage.alerts.AlertDelivery;
import dev.loupe.storage.alerts.AlertEvent;
import dev.loupe.storage.alerts.AlertRule;
import dev.loupe.storage.alerts.AlertStatus;
import dev.loupe.storage.alerts.Durations;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the Alerts pages show, as text ready for the templates. */
public final class AlertViews {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private AlertViews() {}

  /** The Alerts page: the project's rules and channels. */
  public record AlertsView(String projectId, List<RuleRow> rules, List<ChannelRow> channels) {}

  /** One rule's page: status, history, deliveries and the edit form. */
  public record AlertView(
      String projectId,
      RuleRow rule,
      String description,
      List<EventRow> history,
      List<DeliveryRow> deliveries,
      RuleForm form) {}

  /** The new-rule page. */
  public record NewRuleView(String projectId, RuleForm form) {}

  public record RuleRow(
      String id,
      String name,
      String condition,
      String query,
      String state,
      String value,
      String evaluatedAt,
      String since,
      String error,
      String window,
      String interval,
      String forDuration,
      boolean enabled,
      String href) {}

  public record ChannelRow(String id, String name, String kind, String url, boolean signed) {}

  public record EventRow(
      String at, String from, String to, String notification, String value, String message) {}

  public record DeliveryRow(
      String at,
      String kind,
      String channel,
      int attempt,
      String status,
      String error,
      long durationMs,
      boolean ok) {}

  static RuleRow row(AlertQueries.RuleView v) {
    AlertRule r = v.rule();
    AlertStatus s = v.status();
    String filters =
        String.join(
            " and ",
            r.query().filters().stream()
                .map(
                    f ->
                        f.column().wireName()
                            + " "
                            + f.operator().wireName()
                            + (f.values().isEmpty() ? "" : " " + String.join(", ", f.values())))
                .toList());
    return new RuleRow(
        r.id(),
        r.name(),
        r.condition(),
        r.query().view().wireName() + (filters.isEmpty() ? "" : " where " + filters),
        s == null ? "NOT_EVALUATED" : s.state().name(),
        s == null ? "" : number(s.value()),
        s == null ? "" : time(s.evaluatedAt()),
        s == null ? "" : time(s.since()),
        s == null || s.error() == null ? "" : s.error(),
        Durations.format(r.window()),
        Durations.format(r.interval()),
        Durations.format(r.forDuration()),
        r.enabled(),
        AlertPages.LIST + "/" + r.id());
  }

  static ChannelRow channel(AlertChannel c) {
    return new ChannelRow(c.id(), c.name(), c.kind().name(), c.url(), c.signed());
  }

  static EventRow event(AlertEvent e) {
    AlertEvent.Notification n = e.notification();
    return new EventRow(
        time(e.at()),
        e.from().name(),
        e.to().name(),
        n == null ? "" : n.name(),
        number(e.value()),
        e.message());
  }

  static DeliveryRow delivery(AlertDelivery d, String channelName) {
    return new DeliveryRow(
        time(d.at()),
        d.kind().name(),
        channelName,
        d.attempt(),
        d.statusCode() == null ? "no answer" : Integer.toString(d.statusCode()),
        d.error() == null ? "" : d.error(),
        d.durationMillis(),
        d.ok());
  }

  /** Six significant digits, plain: {@code 0.6}, {@code 1234.57}; empty for no value. */
  static String number(@Nullable Double v) {
    if (v == null) return "";
    if (v.isNaN() || v.isInfinite()) return v.toString();
    return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }

  static String time(Instant t) {
    return TIME.format(t);
  }
}
