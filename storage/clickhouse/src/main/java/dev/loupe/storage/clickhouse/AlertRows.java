package dev.loupe.storage.clickhouse;

import dev.loupe.model.Times;
import dev.loupe.storage.alerts.AlertChannel;
import dev.loupe.storage.alerts.AlertQuery;
import dev.loupe.storage.alerts.AlertRule;
import dev.loupe.storage.alerts.ChannelKind;
import dev.loupe.storage.alerts.Comparison;
import dev.loupe.storage.alerts.NoDataPolicy;
import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.Metric;
import dev.loupe.storage.analytics.MetricsView;
import dev.loupe.storage.json.AlertFiltersJson;
import java.time.Duration;
import java.util.List;

/**
 * Alert channels and rules as rows of {@code alert_channels} and {@code alert_rules} (schema 120):
 * insert columns, select lists and the conversions both ways. Enums are stored by constant name.
 */
final class AlertRows {
  static final List<String> CHANNEL_INSERT =
      List.of(
          "project_id",
          "id",
          "name",
          "kind",
          "url",
          "secret",
          "created_at",
          "updated_at",
          "row_version",
          "is_deleted");
  static final String CHANNEL_SELECT =
      "project_id, id, name, kind, url, secret, created_at, updated_at";

  static final List<String> RULE_INSERT =
      List.of(
          "project_id",
          "id",
          "name",
          "description",
          "view",
          "measure",
          "aggregation",
          "filters",
          "comparison",
          "threshold",
          "window_ms",
          "interval_ms",
          "for_ms",
          "no_data",
          "channel_ids",
          "enabled",
          "created_at",
          "updated_at",
          "row_version",
          "is_deleted");
  static final String RULE_SELECT =
      "project_id, id, name, description, view, measure, aggregation, filters, comparison,"
          + " threshold, window_ms, interval_ms, for_ms, no_data, channel_ids, enabled, created_at,"
          + " updated_at";

  private AlertRows() {}

  static void writeChannel(RowBinaryOut out, AlertChannel c, long version) {
    out.string(c.projectId());
    out.string(c.id());
    out.string(c.name());
    out.string(c.kind().name());
    out.string(c.url());
    out.nullableString(c.secret());
    out.int64(Times.toEpochMicros(c.createdAt()));
    out.int64(Times.toEpochMicros(c.updatedAt()));
    out.int64(version);
    out.uint8(0);
    out.endRow();
  }

  static AlertChannel readChannel(RowBinaryIn in) {
    return new AlertChannel(
        in.string(),
        in.string(),
        in.string(),
        ChannelKind.valueOf(in.string()),
        in.string(),
        in.nullableString(),
        Times.fromEpochMicros(in.int64()),
        Times.fromEpochMicros(in.int64()));
  }

  static void writeRule(RowBinaryOut out, AlertRule r, long version) {
    out.string(r.projectId());
    out.string(r.id());
    out.string(r.name());
    out.nullableString(r.description());
    out.string(r.query().view().name());
    out.string(r.query().metric().measure().name());
    out.string(r.query().metric().aggregation().name());
    out.string(AlertFiltersJson.write(r.query().filters()));
    out.string(r.comparison().name());
    Doubles.write(out, r.threshold());
    out.int64(r.window().toMillis());
    out.int64(r.interval().toMillis());
    out.int64(r.forDuration().toMillis());
    out.string(r.noData().name());
    out.strings(r.channelIds());
    out.bool(r.enabled());
    out.int64(Times.toEpochMicros(r.createdAt()));
    out.int64(Times.toEpochMicros(r.updatedAt()));
    out.int64(version);
    out.uint8(0);
    out.endRow();
  }

  static AlertRule readRule(RowBinaryIn in) {
    String projectId = in.string(), id = in.string(), name = in.string();
    String description = in.nullableString();
    MetricsView view = MetricsView.valueOf(in.string());
    Metric metric = new Metric(Measure.valueOf(in.string()), Aggregation.valueOf(in.string()));
    AlertQuery query = new AlertQuery(view, metric, AlertFiltersJson.read(in.string()));
    return new AlertRule(
        projectId,
        id,
        name,
        description,
        query,
        Comparison.valueOf(in.string()),
        Doubles.read(in),
        Duration.ofMillis(in.int64()),
        Duration.ofMillis(in.int64()),
        Duration.ofMillis(in.int64()),
        NoDataPolicy.valueOf(in.string()),
        in.strings(),
        in.bool(),
        Times.fromEpochMicros(in.int64()),
        Times.fromEpochMicros(in.int64()));
  }
}
