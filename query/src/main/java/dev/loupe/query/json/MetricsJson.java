package dev.loupe.query.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.loupe.query.DailyMetrics;
import dev.loupe.storage.Page;
import dev.loupe.storage.analytics.MetricsRow;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Metrics answers in the Langfuse public API shape.
 *
 * <p>{@code GET /api/public/metrics}: {@code {"data": [{<dimension>: "value", ...,
 * "time_dimension": "2025-01-01T00:00:00.000Z", "<aggregation>_<measure>": n, ...}]}}. Dimensions
 * use their canonical wire names; {@code time_dimension} (the bucket start, ISO-8601 UTC) is
 * present only when the query has a granularity. Longs are written as integers, decimals exactly
 * (plain, no exponent), doubles as numbers, times ({@code min_timestamp}, {@code max_timestamp}) as
 * ISO-8601 UTC strings like {@code time_dimension}, and a missing value (or a non-finite double) as
 * null.
 */
public final class MetricsJson {
  /** The answer key of the time bucket, as Langfuse names it. */
  public static final String TIME_DIMENSION = dev.loupe.query.MetricsQueryParser.TIME_DIMENSION;

  private MetricsJson() {}

  /** {@code GET /api/public/metrics}. */
  public static byte[] rows(List<MetricsRow> rows) {
    return JsonOut.bytes(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("data");
          for (MetricsRow r : rows) writeRow(g, r);
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /**
   * {@code GET /api/public/metrics/daily}: {@code {"data": [{date, countTraces, countObservations,
   * totalCost, usage: [{model, inputUsage, outputUsage, totalUsage, countObservations, countTraces,
   * totalCost}]}], "meta": {...}}}.
   */
  public static byte[] daily(Page<DailyMetrics.Day> page) {
    return JsonOut.page(page, MetricsJson::writeDay);
  }

  private static void writeRow(JsonGenerator g, MetricsRow r) throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, @Nullable String> d : r.dimensions().entrySet()) {
      JsonOut.string(g, d.getKey(), d.getValue());
    }
    if (r.time() != null) JsonOut.time(g, TIME_DIMENSION, r.time());
    for (Map.Entry<String, @Nullable Object> v : r.values().entrySet()) {
      value(g, v.getKey(), v.getValue());
    }
    g.writeEndObject();
  }

  /**
   * A metric value: Long/Integer, BigDecimal, Double or Instant (see {@code
   * Aggregation.valueType}).
   */
  static void value(JsonGenerator g, String field, @Nullable Object value) throws IOException {
    switch (value) {
      case null -> g.writeNullField(field);
      case Long l -> g.writeNumberField(field, l);
      case Integer i -> g.writeNumberField(field, i);
      case BigDecimal d -> JsonOut.decimal(g, field, d);
      case Double d when d.isNaN() || d.isInfinite() -> g.writeNullField(field);
      case Double d -> g.writeNumberField(field, d);
      case Instant t -> JsonOut.time(g, field, t);
      default ->
          throw new IllegalStateException(
              "metric " + field + " has an unexpected type " + value.getClass().getName());
    }
  }

  private static void writeDay(JsonGenerator g, DailyMetrics.Day d) throws IOException {
    g.writeStartObject();
    g.writeStringField("date", d.date().toString());
    g.writeNumberField("countTraces", d.countTraces());
    g.writeNumberField("countObservations", d.countObservations());
    JsonOut.decimal(g, "totalCost", d.totalCost());
    g.writeArrayFieldStart("usage");
    for (DailyMetrics.ModelUsage u : d.usage()) {
      g.writeStartObject();
      g.writeStringField("model", u.model());
      g.writeNumberField("inputUsage", u.inputUsage());
      g.writeNumberField("outputUsage", u.outputUsage());
      g.writeNumberField("totalUsage", u.totalUsage());
      g.writeNumberField("countObservations", u.countObservations());
      g.writeNumberField("countTraces", u.countTraces());
      JsonOut.decimal(g, "totalCost", u.totalCost());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
