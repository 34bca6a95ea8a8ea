package dev.loupe.storage.duckdb;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Times;
import dev.loupe.model.UsageScope;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Observation rows: the load's column order and the select list, kept side by side with the DDL in
 * {@link Schema}. Usage and cost maps are split into the fixed {@code input}/{@code output}/{@code
 * total} columns and a map of the other types, and joined back on read. The large text fields live
 * in the {@link PayloadLog}; the row keeps the reference. The derived measures ({@code
 * inputTokens()}, ..., {@code outputCost()}, and {@code total_cost}) are written as columns for
 * sums and not read back: what a sum counts, so 0 / NULL for an observation that does not {@code
 * countsInTotals()} (its reported usage and cost are in the usage and cost columns).
 */
final class ObservationRows {
  /**
   * The {@code observations} columns, aliased {@code o}; {@link #decode} reads them starting at a
   * given column.
   */
  static final String COLUMNS =
      "o.seq, o.key, o.project_id, o.id, o.trace_id, o.parent_observation_id, o.type, "
          + "o.name, epoch_us(o.start_time), epoch_us(o.end_time), epoch_us(o.completion_start_time), o.level, "
          + "o.model, o.usage_input, o.usage_output, o.usage_total, o.usage_other, o.cost_input, o.cost_output, "
          + "o.cost_total, o.cost_other, o.cost_source, o.priced_model_id, o.environment, o.version, o.release, "
          + "o.prompt_name, o.prompt_version, o.payload_at, o.payload_len, o.usage_scope";

  static final String FROM = " FROM observations o";

  /** {@link #COLUMNS} of every row: add a WHERE clause. */
  static final String SELECT = "SELECT " + COLUMNS + FROM;

  private static final String INPUT = "input", OUTPUT = "output", TOTAL = "total";

  private ObservationRows() {}

  /**
   * The columns {@link #decodeRecord} reads, aliased {@code o}: the filter columns of a trace read
   * and where the row's record is. The rest of the row is in the record (RATIONALE.md, "Trace by
   * id").
   */
  static final String RECORD_COLUMNS =
      "o.seq, o.key, o.project_id, o.id, o.trace_id, o.payload_at, o.payload_len";

  /**
   * Puts the row's record into {@code codec}: a row part with every column {@link #decode} reads
   * but the project, id and trace id, then the payload: status message, model parameters, input,
   * output, metadata, then the mapping notes as key, value pairs.
   */
  static void encodeRecord(PayloadCodec codec, Observation o) {
    long start = Times.toEpochMicros(o.startTime());
    codec
        .clear()
        .beginRow()
        .addShort(o.parentObservationId())
        .addShort(o.type().name())
        .addShort(o.name())
        .addLong(start)
        .addNullableLong(o.endTime() == null ? null : Times.toEpochMicros(o.endTime()) - start)
        .addNullableLong(
            o.completionStartTime() == null
                ? null
                : Times.toEpochMicros(o.completionStartTime()) - start)
        .addShort(o.level().name())
        .addShort(o.model());
    Map<String, Long> usage = o.usageDetails();
    codec.addLong(usage.size());
    usage.forEach((k, v) -> codec.addShort(k).addLong((long) v));
    Map<String, BigDecimal> cost = o.costDetails();
    codec.addLong(cost.size());
    cost.forEach(
        (k, v) ->
            codec
                .addShort(k)
                .addLong(Decimals.toColumn("costDetails.", k, v).unscaledValue().longValue()));
    codec
        .addShort(o.costSource().name())
        .addShort(o.pricedModelId())
        .addShort(o.environment())
        .addShort(o.version())
        .addShort(o.release())
        .addShort(o.promptName())
        .addNullableLong(o.promptVersion() == null ? null : (long) o.promptVersion())
        .addShort(o.usageScope().name())
        .endRow()
        .add(o.statusMessage())
        .add(o.modelParameters())
        .add(o.input())
        .add(o.output())
        .add(o.metadata());
    o.mappingNotes().forEach((k, v) -> codec.add(k).add(v));
  }

  /**
   * Adds the row to the group's load; {@code traceKey} is its trace's {@link RowKeys key}, {@code
   * ref} where its payload record is.
   */
  static void add(
      TableLoad observations,
      long seq,
      RowKey key,
      long traceKey,
      Observation o,
      @Nullable PayloadRef ref) {
    Map<String, Long> usage = o.usageDetails();
    Map<String, BigDecimal> cost = o.costDetails();
    boolean counts = o.countsInTotals();
    observations
        .beginRow()
        .add(seq)
        .add(key.key())
        .add(o.projectId())
        .add(o.id())
        .add(traceKey)
        .add(o.traceId())
        .add(o.parentObservationId())
        .add(o.type().name())
        .add(o.name());
    micros(observations, o.startTime());
    micros(observations, o.endTime());
    micros(observations, o.completionStartTime());
    observations
        .add(o.level().name())
        .add(o.model())
        .add(usage.get(INPUT))
        .add(usage.get(OUTPUT))
        .add(usage.get(TOTAL));
    nullableMap(observations, others(usage));
    decimal(observations, "costDetails.input", cost.get(INPUT));
    decimal(observations, "costDetails.output", cost.get(OUTPUT));
    decimal(observations, "costDetails.total", cost.get(TOTAL));
    Map<String, BigDecimal> otherCost = others(cost);
    otherCost.replaceAll((k, v) -> Decimals.toColumn("costDetails.", k, v));
    nullableMap(observations, otherCost);
    decimal(observations, "totalCost", counts ? o.totalCost() : null);
    observations
        .add(o.costSource().name())
        .add(o.pricedModelId())
        .add(o.environment())
        .add(o.version())
        .add(o.release())
        .add(o.promptName())
        .add(o.promptVersion());
    PayloadColumns.add(observations, ref);
    observations
        .add(counts ? o.inputTokens() : 0L)
        .add(counts ? o.outputTokens() : 0L)
        .add(counts ? o.totalTokens() : 0L)
        .add(counts ? o.cachedInputTokens() : 0L)
        .add(counts ? o.reasoningTokens() : 0L);
    decimal(observations, "inputCost", counts ? o.inputCost() : null);
    decimal(observations, "outputCost", counts ? o.outputCost() : null);
    observations.add(o.usageScope().name());
    observations.add(SchemaV10.micros(o.startTime(), o.endTime()));
    observations.endRow();
  }

  /**
   * Reads {@link #COLUMNS} starting at column {@code at}, the payload from the log; without a log
   * the observation has no payload fields ({@code TraceStore.getTraceOutline}).
   */
  static Observation decode(ResultSet rs, int at, @Nullable PayloadLog log) throws SQLException {
    Observation.Builder b =
        Observation.builder(
                rs.getString(at + 2),
                rs.getString(at + 3),
                rs.getString(at + 4),
                Times.fromEpochMicros(rs.getLong(at + 8)))
            .parentObservationId(rs.getString(at + 5))
            .type(ObservationType.valueOf(rs.getString(at + 6)))
            .name(rs.getString(at + 7))
            .endTime(instant(rs, at + 9))
            .completionStartTime(instant(rs, at + 10))
            .level(Level.valueOf(rs.getString(at + 11)))
            .model(rs.getString(at + 12))
            .usageDetails(usage(rs, at + 13))
            .costDetails(cost(rs, at + 17))
            .costSource(CostSource.valueOf(rs.getString(at + 21)))
            .pricedModelId(rs.getString(at + 22))
            .environment(rs.getString(at + 23))
            .version(rs.getString(at + 24))
            .release(rs.getString(at + 25))
            .promptName(rs.getString(at + 26))
            .promptVersion((Integer) rs.getObject(at + 27))
            .usageScope(UsageScope.valueOf(rs.getString(at + 30)));
    List<String> p = log == null ? null : PayloadColumns.read(rs, at + 28, log, 5);
    if (p != null) {
      b.statusMessage(p.get(0))
          .modelParameters(p.get(1))
          .input(p.get(2))
          .output(p.get(3))
          .metadata(p.get(4))
          .mappingNotes(notes(p));
    }
    return b.build();
  }

  /**
   * Reads {@link #RECORD_COLUMNS} starting at column {@code at}, the rest of the row and its
   * payload from its record; null when the record has no row part (written before schema version
   * 11): such a row is read by {@link #COLUMNS}.
   */
  static @Nullable Observation decodeRecord(ResultSet rs, int at, PayloadLog log)
      throws SQLException {
    long position = rs.getLong(at + 5);
    if (rs.wasNull()) return null;
    PayloadRef ref = PayloadRef.of(position, rs.getInt(at + 6));
    try {
      byte[] body = log.read(ref);
      PayloadCodec.RowReader r = PayloadCodec.RowReader.of(body);
      if (r == null) return null;
      String parent = r.string();
      ObservationType type = ObservationType.valueOf(r.string());
      String name = r.string();
      long start = r.longValue();
      Observation.Builder b =
          Observation.builder(
                  rs.getString(at + 2),
                  rs.getString(at + 3),
                  rs.getString(at + 4),
                  Times.fromEpochMicros(start))
              .parentObservationId(parent)
              .type(type)
              .name(name)
              .endTime(after(start, r.nullableLong()))
              .completionStartTime(after(start, r.nullableLong()))
              .level(Level.valueOf(r.string()))
              .model(r.string());
      Map<String, Long> usage = new HashMap<>();
      for (long n = r.longValue(); n > 0; n--) usage.put(r.string(), r.longValue());
      Map<String, BigDecimal> cost = new HashMap<>();
      for (long n = r.longValue(); n > 0; n--)
        cost.put(
            r.string(), Decimals.fromColumn(BigDecimal.valueOf(r.longValue(), Decimals.SCALE)));
      b.usageDetails(usage)
          .costDetails(cost)
          .costSource(CostSource.valueOf(r.string()))
          .pricedModelId(r.string())
          .environment(r.string())
          .version(r.string())
          .release(r.string())
          .promptName(r.string());
      Long promptVersion = r.nullableLong();
      b.promptVersion(promptVersion == null ? null : Math.toIntExact(promptVersion))
          .usageScope(UsageScope.valueOf(r.string()));
      List<@Nullable String> p = PayloadCodec.decode(body);
      if (p.size() < 5)
        throw new IllegalStateException("payload " + ref + " has " + p.size() + " fields");
      return b.statusMessage(p.get(0))
          .modelParameters(p.get(1))
          .input(p.get(2))
          .output(p.get(3))
          .metadata(p.get(4))
          .mappingNotes(notes(p))
          .build();
    } catch (RuntimeException e) {
      throw new SQLException("record " + ref + " of the row cannot be read: " + e.getMessage(), e);
    }
  }

  /** {@code start + delta} micros (wrapping as the encoding's subtraction did); null for null. */
  private static @Nullable Instant after(long start, @Nullable Long delta) {
    return delta == null ? null : Times.fromEpochMicros(start + delta);
  }

  private static void micros(TableLoad a, @Nullable Instant t) {
    if (t == null) a.addNull();
    else a.addMicros(Times.toEpochMicros(t));
  }

  private static void decimal(TableLoad a, String field, @Nullable BigDecimal v) {
    if (v == null) a.addNull();
    else a.add(Decimals.toColumn(field, v));
  }

  private static void nullableMap(TableLoad a, Map<String, ? extends Number> m) {
    if (m.isEmpty()) a.addNull();
    else a.add(m);
  }

  private static <V> Map<String, V> others(Map<String, V> m) {
    int fixed =
        (m.containsKey(INPUT) ? 1 : 0)
            + (m.containsKey(OUTPUT) ? 1 : 0)
            + (m.containsKey(TOTAL) ? 1 : 0);
    if (fixed == m.size()) return new HashMap<>(); // no stream: this runs twice per row
    Map<String, V> rest = new HashMap<>(m);
    rest.remove(INPUT);
    rest.remove(OUTPUT);
    rest.remove(TOTAL);
    return rest;
  }

  private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Times.fromEpochMicros(v);
  }

  private static Map<String, Long> usage(ResultSet rs, int at) throws SQLException {
    Map<String, Long> m = new HashMap<>();
    putIfPresent(m, INPUT, (Long) rs.getObject(at));
    putIfPresent(m, OUTPUT, (Long) rs.getObject(at + 1));
    putIfPresent(m, TOTAL, (Long) rs.getObject(at + 2));
    if (rs.getObject(at + 3) instanceof Map<?, ?> other) {
      other.forEach((k, v) -> m.put((String) k, ((Number) v).longValue()));
    }
    return m;
  }

  private static Map<String, BigDecimal> cost(ResultSet rs, int at) throws SQLException {
    Map<String, BigDecimal> m = new HashMap<>();
    putIfPresent(m, INPUT, Decimals.fromColumn(rs.getBigDecimal(at)));
    putIfPresent(m, OUTPUT, Decimals.fromColumn(rs.getBigDecimal(at + 1)));
    putIfPresent(m, TOTAL, Decimals.fromColumn(rs.getBigDecimal(at + 2)));
    if (rs.getObject(at + 3) instanceof Map<?, ?> other) {
      other.forEach((k, v) -> m.put((String) k, Decimals.fromColumn((BigDecimal) v)));
    }
    return m;
  }

  private static <V> void putIfPresent(Map<String, V> m, String key, @Nullable V value) {
    if (value != null) m.put(key, value);
  }

  /** Mapping notes: the payload fields after the first five, as key, value pairs. */
  private static Map<String, String> notes(List<@Nullable String> payload) {
    if (payload.size() == 5) return Map.of();
    if (payload.size() % 2 == 0)
      throw new IllegalStateException("stored mapping notes have a key without value");
    Map<String, String> out = new HashMap<>();
    for (int i = 5; i < payload.size(); i += 2) out.put(payload.get(i), payload.get(i + 1));
    return out;
  }
}
