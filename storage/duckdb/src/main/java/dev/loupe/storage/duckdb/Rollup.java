package dev.loupe.storage.duckdb;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.Times;
import dev.loupe.model.Trace;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One trace's row of {@code trace_rollups} while the writer updates it: copies of the trace row's
 * fields that lists and the traces view read, and what the trace's observations add up to, counted
 * as the observation rows store it (tokens and costs only of observations that {@code
 * countsInTotals()}, costs at the column's 12 digits, tokens summed exactly in 128 bits). Adding an
 * observation is exact; taking one out is not done here: the writer computes the trace's sums again
 * from its stored rows ({@link RollupRows#AGGREGATES}).
 */
final class Rollup {
  /** The trace row's fields a rollup keeps (the timestamp in epoch microseconds). */
  record TraceFields(
      long timestamp,
      @Nullable String name,
      @Nullable String userId,
      @Nullable String sessionId,
      List<String> tags,
      String environment,
      @Nullable String release,
      @Nullable String version) {
    static TraceFields of(Trace t) {
      return new TraceFields(
          Times.toEpochMicros(t.timestamp()),
          t.name(),
          t.userId(),
          t.sessionId(),
          t.tags(),
          t.environment(),
          t.release(),
          t.version());
    }
  }

  final RowKey trace;

  /** The write group of the stored version; 0 when there is none. */
  long storedSeq;

  /** The trace row's fields; null while the trace has no row (only observations). */
  @Nullable TraceFields fields;

  /** The write group of the trace row; meaningful with {@link #fields}. */
  long traceSeq;

  long observations;

  /** Epoch microseconds: min start, max(end, else start); set when observations > 0. */
  long firstStart, lastEnd;

  /** Null while no counted observation has one. */
  @Nullable BigDecimal totalCost, inputCost, outputCost;

  final HugeSum inputTokens = new HugeSum(), outputTokens = new HugeSum();
  final HugeSum totalTokens = new HugeSum(), cachedTokens = new HugeSum();
  final HugeSum reasoningTokens = new HugeSum();
  long errors, unpriced;

  Rollup(RowKey trace) {
    this.trace = trace;
  }

  void setTrace(Trace t, long seq) {
    fields = TraceFields.of(t);
    traceSeq = seq;
  }

  void add(Observation o) {
    long start = Times.toEpochMicros(o.startTime());
    long end = o.endTime() == null ? start : Times.toEpochMicros(o.endTime());
    times(1, start, end);
    if (o.level() == Level.ERROR) errors++;
    if (o.costSource() == CostSource.NO_PRICE) unpriced++;
    if (!o.countsInTotals()) return; // its usage is its descendants': they count it
    inputTokens.add(o.inputTokens());
    outputTokens.add(o.outputTokens());
    totalTokens.add(o.totalTokens());
    cachedTokens.add(o.cachedInputTokens());
    reasoningTokens.add(o.reasoningTokens());
    totalCost = plus(totalCost, column("totalCost", o.totalCost()));
    inputCost = plus(inputCost, column("inputCost", o.inputCost()));
    outputCost = plus(outputCost, column("outputCost", o.outputCost()));
  }

  /** Adds {@code count} observations with these extremes (epoch microseconds). */
  void times(long count, long first, long lastEndMicros) {
    if (count == 0) return;
    if (observations == 0) {
      firstStart = first;
      lastEnd = lastEndMicros;
    } else {
      firstStart = Math.min(firstStart, first);
      lastEnd = Math.max(lastEnd, lastEndMicros);
    }
    observations += count;
  }

  /** Forgets the observations, keeping the trace row's fields. */
  void clearObservations() {
    observations = 0;
    totalCost = inputCost = outputCost = null;
    for (HugeSum s : tokens()) s.add(s.value().negate());
    errors = unpriced = 0;
  }

  HugeSum[] tokens() {
    return new HugeSum[] {inputTokens, outputTokens, totalTokens, cachedTokens, reasoningTokens};
  }

  static @Nullable BigDecimal plus(@Nullable BigDecimal sum, @Nullable BigDecimal v) {
    if (v == null) return sum;
    return sum == null ? v : sum.add(v);
  }

  /** The value the observation row's column holds (12 digits). */
  private static @Nullable BigDecimal column(String field, @Nullable BigDecimal v) {
    return v == null ? null : Decimals.toColumn(field, v);
  }
}
