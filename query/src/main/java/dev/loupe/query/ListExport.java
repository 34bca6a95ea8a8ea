package dev.loupe.query;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.query.json.ObservationJson;
import dev.loupe.query.json.TraceJson;
import dev.loupe.storage.ObservationQuery;
import dev.loupe.storage.Page;
import dev.loupe.storage.Paging;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.TraceSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A whole list (traces or observations) as a download: the same parameters and query code as {@code
 * GET /api/public/traces} and {@code /observations}, walked page by page ({@value #CHUNK} rows
 * each) up to {@value #MAX_ROWS} rows, written as CSV (RFC 4180, one row per line, formula cells
 * defused: {@link Csv}) or as JSON lines (each line one item of the API's list, without score ids).
 * Without an upper time bound the list is bounded at the moment the export starts, so rows that
 * arrive while it runs do not shift the pages. A list longer than the bound is cut, and says so:
 * {@link #cut()} before the first byte (for a response header) and in a last line.
 *
 * <pre>{@code
 * ListExport<?> e = ListExport.traces(traceQueries, projectId, params, Instant.now());
 * // headers: e.rows(), e.totalItems(), e.cut()
 * e.write(ListExport.Format.CSV, out);
 * }</pre>
 */
public final class ListExport<T> {
  /** Rows an export writes at most. */
  public static final int MAX_ROWS = 100_000;

  private static final int CHUNK = Paging.MAX_LIMIT;

  /** The download formats, by the {@code format} parameter's value. */
  public enum Format {
    CSV("csv", "text/csv; charset=utf-8"),
    JSONL("jsonl", "application/x-ndjson; charset=utf-8");

    public final String wire;
    public final String contentType;

    Format(String wire, String contentType) {
      this.wire = wire;
      this.contentType = contentType;
    }

    /** The {@code format} parameter: {@code csv} (default) or {@code jsonl}. */
    public static Format of(QueryParams p) {
      String v = p.string("format");
      if (v == null || v.isBlank()) return CSV;
      for (Format f : values()) if (f.wire.equalsIgnoreCase(v.strip())) return f;
      throw new InvalidParameterException("format", "expected csv or jsonl, got '" + v + "'");
    }
  }

  private interface Pages<T> {
    Page<T> page(int number);
  }

  private final Pages<T> pages;
  private final int maxRows;
  private final Page<T> first;
  private final List<String> header;
  private final Function<T, List<@Nullable String>> csv;
  private final Function<T, byte[]> json;

  private ListExport(
      Pages<T> pages,
      int maxRows,
      List<String> header,
      Function<T, List<@Nullable String>> csv,
      Function<T, byte[]> json) {
    this.pages = pages;
    this.maxRows = maxRows;
    this.first = pages.page(1); // checks the parameters before anything is sent
    this.header = header;
    this.csv = csv;
    this.json = json;
  }

  /**
   * The project's traces matching the traces list's parameters ({@code page}, {@code limit}
   * ignored).
   */
  public static ListExport<TraceSummary> traces(
      TraceQueries traces, String projectId, QueryParams params, Instant now) {
    return traces(traces, projectId, params, now, MAX_ROWS);
  }

  static ListExport<TraceSummary> traces(
      TraceQueries traces, String projectId, QueryParams params, Instant now, int maxRows) {
    TraceQuery q = TraceQueries.query(projectId, bounded(params, "toTimestamp", now));
    return new ListExport<>(
        n -> traces.search(q.withPaging(new Paging(n, CHUNK))),
        maxRows,
        TRACE_COLUMNS,
        ListExport::traceRow,
        TraceJson::line);
  }

  /** The project's observations matching the observations list's parameters. */
  public static ListExport<Observation> observations(
      ObservationQueries observations, String projectId, QueryParams params, Instant now) {
    return observations(observations, projectId, params, now, MAX_ROWS);
  }

  static ListExport<Observation> observations(
      ObservationQueries observations,
      String projectId,
      QueryParams params,
      Instant now,
      int maxRows) {
    ObservationQuery q = ObservationQueries.query(projectId, bounded(params, "toStartTime", now));
    return new ListExport<>(
        n -> observations.search(q.withPaging(new Paging(n, CHUNK))),
        maxRows,
        OBSERVATION_COLUMNS,
        ListExport::observationRow,
        ObservationJson::one);
  }

  /** Rows in the list when the export started. */
  public long totalItems() {
    return first.totalItems();
  }

  /** Rows the export writes: all of them, or {@link #MAX_ROWS}. */
  public long rows() {
    return Math.min(first.totalItems(), maxRows);
  }

  /** True when the list is longer than {@link #MAX_ROWS}. */
  public boolean cut() {
    return first.totalItems() > maxRows;
  }

  /**
   * Writes the rows (and the line saying the list was cut, if it was); returns the rows written.
   */
  public long write(Format format, OutputStream out) throws IOException {
    if (format == Format.CSV)
      out.write(Csv.record(new ArrayList<>(header)).getBytes(StandardCharsets.UTF_8));
    long written = 0;
    Page<T> page = first;
    for (int n = 1; ; page = pages.page(++n)) {
      for (T item : page.items()) {
        if (written == maxRows) break;
        if (format == Format.CSV)
          out.write(Csv.record(csv.apply(item)).getBytes(StandardCharsets.UTF_8));
        else {
          out.write(json.apply(item));
          out.write('\n');
        }
        written++;
      }
      if (written == maxRows || page.items().size() < CHUNK) break;
    }
    if (cut()) out.write(cutLine(format).getBytes(StandardCharsets.UTF_8));
    out.flush();
    return written;
  }

  private String cutLine(Format format) {
    String text =
        String.format(
            Locale.ROOT,
            "cut at %,d of %,d rows: narrow the filters or the time range to export the rest",
            maxRows,
            totalItems());
    if (format == Format.CSV) {
      List<@Nullable String> cells = new ArrayList<>();
      cells.add("# " + text);
      return Csv.record(cells);
    }
    return "{\"cut\":true,\"rows\":" + maxRows + ",\"totalItems\":" + totalItems() + "}\n";
  }

  /** The parameters with {@code name} = now when they have no such bound. */
  private static QueryParams bounded(QueryParams params, String name, Instant now) {
    if (params.has(name)) return params;
    Map<String, List<String>> values = new LinkedHashMap<>(params.values());
    values.put(name, List.of(now.toString()));
    return new QueryParams(values);
  }

  static final List<String> TRACE_COLUMNS =
      List.of(
          "id",
          "timestamp",
          "name",
          "userId",
          "sessionId",
          "tags",
          "environment",
          "release",
          "version",
          "latencySeconds",
          "totalCost",
          "totalTokens",
          "observations",
          "errors",
          "input",
          "output");

  private static List<@Nullable String> traceRow(TraceSummary s) {
    Trace t = s.trace();
    List<@Nullable String> row = new ArrayList<>(TRACE_COLUMNS.size());
    row.add(t.id());
    row.add(t.timestamp().toString());
    row.add(t.name());
    row.add(t.userId());
    row.add(t.sessionId());
    row.add(String.join(" ", t.tags()));
    row.add(t.environment());
    row.add(t.release());
    row.add(t.version());
    row.add(seconds(s.latency()));
    row.add(s.totalCost().stripTrailingZeros().toPlainString());
    row.add(Long.toString(s.totalTokens()));
    row.add(Integer.toString(s.observationIds().size()));
    row.add(Long.toString(s.errorCount()));
    row.add(t.input());
    row.add(t.output());
    return row;
  }

  static final List<String> OBSERVATION_COLUMNS =
      List.of(
          "id",
          "traceId",
          "parentObservationId",
          "type",
          "name",
          "startTime",
          "endTime",
          "level",
          "statusMessage",
          "model",
          "latencySeconds",
          "timeToFirstTokenSeconds",
          "inputTokens",
          "outputTokens",
          "totalTokens",
          "totalCost",
          "environment",
          "release",
          "version",
          "input",
          "output");

  private static List<@Nullable String> observationRow(Observation o) {
    List<@Nullable String> row = new ArrayList<>(OBSERVATION_COLUMNS.size());
    row.add(o.id());
    row.add(o.traceId());
    row.add(o.parentObservationId());
    row.add(o.type().name());
    row.add(o.name());
    row.add(o.startTime().toString());
    row.add(o.endTime() == null ? null : o.endTime().toString());
    row.add(o.level().name());
    row.add(o.statusMessage());
    row.add(o.model());
    row.add(seconds(o.latency()));
    row.add(seconds(o.timeToFirstToken()));
    boolean usage = !o.usageDetails().isEmpty();
    row.add(usage ? Long.toString(o.inputTokens()) : null);
    row.add(usage ? Long.toString(o.outputTokens()) : null);
    row.add(usage ? Long.toString(o.totalTokens()) : null);
    BigDecimal cost = o.totalCost();
    row.add(cost == null ? null : cost.stripTrailingZeros().toPlainString());
    row.add(o.environment());
    row.add(o.release());
    row.add(o.version());
    row.add(o.input());
    row.add(o.output());
    return row;
  }

  private static @Nullable String seconds(@Nullable Duration d) {
    if (d == null) return null;
    return BigDecimal.valueOf(d.getSeconds())
        .add(BigDecimal.valueOf(d.getNano(), 9))
        .stripTrailingZeros()
        .toPlainString();
  }
}
