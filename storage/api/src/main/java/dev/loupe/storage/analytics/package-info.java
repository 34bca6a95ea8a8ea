/**
 * The metrics query every {@link dev.loupe.storage.AnalyticsStore} answers, after Langfuse's
 * metrics API: a {@link dev.loupe.storage.analytics.MetricsView view} (traces, observations, or the
 * numeric and categorical scores), dimensions to group by, {@link
 * dev.loupe.storage.analytics.Metric metrics} (a measure and an aggregation), filters, an optional
 * time bucket, a time window, an order and a row limit.
 *
 * <p>Fixed meanings (every backend computes exactly these):
 *
 * <ul>
 *   <li>Window: observations with {@code from <= startTime < to}; traces and scores with {@code
 *       from <= timestamp < to}. Time buckets truncate that time in UTC; weeks start on Monday.
 *   <li>Latencies are milliseconds as doubles (microsecond precision). Trace latency is max(end,
 *       else start) − min(start) over the trace's observations; a trace without observations has
 *       none.
 *   <li>Percentiles interpolate linearly between the two closest ranks: for n sorted values v and p
 *       in (0,1), position h = (n − 1)·p, result v[⌊h⌋] + (h − ⌊h⌋)·(v[⌊h⌋+1] − v[⌊h⌋]).
 *   <li>Null values (no end time, no completion start, no cost) are skipped by every aggregation
 *       except {@code count}, which counts records; an aggregation over no values is null, except
 *       {@code count} and {@code uniq}, which count (0 over no values).
 *   <li>Several filters must all hold. On the observations view, {@code name}, {@code environment},
 *       {@code release} and {@code version} are the observation's own; {@code userId}, {@code
 *       sessionId}, {@code traceName} and {@code tags} are its trace's.
 *   <li>Token measures are longs (0 when the usage type is absent); {@code sum}, {@code min},
 *       {@code max} of tokens and counts are longs; {@code sum}, {@code min}, {@code max} of costs
 *       are exact {@link java.math.BigDecimal}s (trailing zeros stripped); {@code avg} and
 *       percentiles are doubles; {@code uniq} counts distinct non-null values as a long.
 *   <li>Each model call is counted once: an observation whose usage is the total of its
 *       descendants' model calls ({@code UsageScope.DESCENDANTS}, e.g. Vercel AI SDK {@code
 *       ai.generateText}, OTel GenAI {@code invoke_agent}) has token measures 0 and cost and {@code
 *       outputTokensPerSecond} null on the observations view, and the traces view sums only the
 *       observations that count; {@code count} and the other measures still see it. The {@code
 *       usageScope} dimension ({@code OWN}/{@code DESCENDANTS}) filters or groups by it.
 *   <li>{@code timestamp} is the record's own time, the one the window and time buckets use: an
 *       observation's start time, a trace's timestamp. Only {@code min} and {@code max} apply (when
 *       a user or session was first and last seen in the window); their values are {@link
 *       java.time.Instant}s at microsecond precision (never null: every record has its time; a
 *       group without records has no row) and order chronologically.
 * </ul>
 */
package dev.loupe.storage.analytics;
