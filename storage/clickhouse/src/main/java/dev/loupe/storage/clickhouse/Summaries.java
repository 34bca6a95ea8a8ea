package dev.loupe.storage.clickhouse;

import dev.loupe.model.Trace;
import dev.loupe.storage.TraceSummary;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a trace list shows about each trace's observations, aggregated per trace from the newest
 * versions (FINAL): ids in trace order, total cost and tokens of the observations that count in
 * totals (usage scope OWN), latency (max end, else start, minus min start, in Int128 so rows years
 * apart never overflow), errors and unpriced calls. Costs sum exactly in Decimal(38, 12); token
 * sums saturate at the Int64 range like {@code Saturating}.
 */
final class Summaries {
  /** The aggregate columns, {@code trace_id} first; selected from {@code observations}. */
  static final String COLUMNS =
      "trace_id,"
          + " arrayMap(x -> x.2, arraySort(groupArray((start_time, id)))) AS ids,"
          + " toDecimal128(sumIf(ifNull(total_cost, toDecimal64(0, 12)), usage_scope = 'OWN'), 12)"
          + " AS cost,"
          + " toInt128(max(ifNull(end_time, start_time))) - toInt128(min(start_time)) AS latency,"
          + " "
          + clampedToInt64("sumIf(toInt128(total_tokens), usage_scope = 'OWN')")
          + " AS tokens,"
          + " toInt64(countIf(level = 'ERROR')) AS errors,"
          + " toInt64(countIf(cost_source = 'NO_PRICE')) AS unpriced";

  /**
   * {@code x} (an Int128) saturated to the Int64 range, with {@code if}: ClickHouse 26.7's compiled
   * {@code least}/{@code greatest} of Int128 answer -2^63 once an expression is JIT-compiled (after
   * three runs; measured here), so they are not used.
   */
  static String clampedToInt64(String x) {
    String max = "toInt128('9223372036854775807')", min = "toInt128('-9223372036854775808')";
    return "toInt64(if("
        + x
        + " > "
        + max
        + ", "
        + max
        + ", if("
        + x
        + " < "
        + min
        + ", "
        + min
        + ", "
        + x
        + ")))";
  }

  /** The aggregate of one project's observations whose trace satisfies {@code traceCondition}. */
  static String of(String traceCondition) {
    return "SELECT "
        + COLUMNS
        + " FROM observations FINAL WHERE project_id = {p:String} AND "
        + traceCondition
        + " GROUP BY trace_id";
  }

  private record Row(
      List<String> ids,
      BigDecimal cost,
      @Nullable Duration latency,
      long tokens,
      long errors,
      long unpriced) {}

  private final Sql sql;

  Summaries(Sql sql) {
    this.sql = sql;
  }

  /** The traces as summaries, in the given order. */
  List<TraceSummary> of(String projectId, List<Trace> traces) {
    Map<String, Row> rows = new HashMap<>();
    if (!traces.isEmpty()) {
      sql.query(
          of("trace_id IN {ids:Array(String)}"),
          Map.of("p", projectId, "ids", traces.stream().map(Trace::id).toList()),
          in -> {
            String traceId = in.string();
            rows.put(
                traceId,
                new Row(
                    in.strings(),
                    in.decimal128(),
                    micros(in.int128()),
                    in.int64(),
                    in.int64(),
                    in.int64()));
            return traceId;
          });
    }
    return traces.stream()
        .map(
            t -> {
              Row r = rows.get(t.id());
              return r == null
                  ? new TraceSummary(t, List.of(), BigDecimal.ZERO, null, 0, 0, 0)
                  : new TraceSummary(
                      t, r.ids(), r.cost(), r.latency(), r.tokens(), r.errors(), r.unpriced());
            })
        .toList();
  }

  /** A duration of whole microseconds, from an Int128. */
  static Duration micros(BigInteger us) {
    BigInteger[] qr = us.divideAndRemainder(BigInteger.valueOf(1_000_000));
    return Duration.ofSeconds(qr[0].longValueExact(), qr[1].longValueExact() * 1_000);
  }
}
