package dev.loupe.storage.duckdb;

import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.MetricsView;
import org.jspecify.annotations.Nullable;

/**
 * The fixed SQL of every dimension and per-record measure value, by view. Aliases: {@code o} the
 * observation, {@code t} the trace: its row in the observations view, its rollup in the traces view
 * ({@code trace_rollups}: the trace row's fields and its observations' sums). Only enum constants
 * choose the text; user values are always parameters.
 */
final class MetricsColumns {
  private MetricsColumns() {}

  /** What a score view joins to read a column. */
  enum ScoreJoin {
    NONE,
    /** The scored trace's row {@code t}. */
    TRACE,
    /** The scored observation's row {@code o}. */
    OBSERVATION,
    /** The scored observation {@code o} and the trace's last model call {@code m}. */
    MODEL
  }

  static ScoreJoin scoreJoin(Dimension d) {
    return switch (d) {
      case USER_ID, SESSION_ID, TAGS, TRACE_NAME -> ScoreJoin.TRACE;
      case OBSERVATION_NAME, OBSERVATION_MODEL_NAME -> ScoreJoin.OBSERVATION;
      case MODEL -> ScoreJoin.MODEL;
      default -> ScoreJoin.NONE;
    };
  }

  static ScoreJoin scoreJoin(Measure m) {
    return m == Measure.USER_ID || m == Measure.SESSION_ID ? ScoreJoin.TRACE : ScoreJoin.NONE;
  }

  /** A dimension's value: a VARCHAR, or VARCHAR[] for tags. */
  static String dimension(MetricsView view, Dimension d) {
    if (view.scores()) return scoreDimension(d);
    if (view == MetricsView.TRACES) {
      return switch (d) {
        case NAME -> "t.name";
        case USER_ID -> "t.user_id";
        case SESSION_ID -> "t.session_id";
        case ENVIRONMENT -> "t.environment";
        case RELEASE -> "t.release";
        case VERSION -> "t.version";
        case TAGS -> "t.tags";
        default -> throw notInView(d.wireName(), view);
      };
    }
    return switch (d) {
      case NAME -> "o.name";
      case USER_ID -> "t.user_id";
      case SESSION_ID -> "t.session_id";
      case ENVIRONMENT -> "o.environment";
      case RELEASE -> "o.release";
      case VERSION -> "o.version";
      case TAGS -> "coalesce(t.tags, []::VARCHAR[])";
      case TRACE_ID -> "o.trace_id";
      case TRACE_NAME -> "t.name";
      case TYPE -> "o.type";
      case LEVEL -> "o.level";
      case PROVIDED_MODEL_NAME -> "o.model";
      case PROMPT_NAME -> "o.prompt_name";
      case COST_SOURCE -> "o.cost_source";
      case PRICED_MODEL_ID -> "o.priced_model_id";
      case USAGE_SCOPE -> "o.usage_scope";
      default -> throw notInView(d.wireName(), view);
    };
  }

  /**
   * A score view's dimension: {@code s} the score, {@code t} its trace, {@code o} its observation,
   * {@code m} the model of its trace's last model call.
   */
  private static String scoreDimension(Dimension d) {
    return switch (d) {
      case NAME -> "s.name";
      case ENVIRONMENT -> "s.environment";
      case TRACE_ID -> "s.trace_id";
      case OBSERVATION_ID -> "s.observation_id";
      case SOURCE -> "s.source";
      case DATA_TYPE -> "s.data_type";
      case CONFIG_ID -> "s.config_id";
      case STRING_VALUE -> "s.string_value";
      case USER_ID -> "t.user_id";
      case TRACE_NAME -> "t.name";
      case SESSION_ID -> "coalesce(s.session_id, t.session_id)";
      case TAGS -> "coalesce(t.tags, []::VARCHAR[])";
      case OBSERVATION_NAME -> "o.name";
      case OBSERVATION_MODEL_NAME -> "o.model";
      case MODEL ->
          "CASE WHEN s.observation_id IS NOT NULL THEN o.model"
              + " WHEN s.trace_id IS NOT NULL THEN m.model END";
      default -> throw new IllegalArgumentException(d.wireName() + " is not in the score views");
    };
  }

  /** Whether the observations view needs its trace row for this dimension. */
  static boolean fromTrace(Dimension d) {
    return d == Dimension.USER_ID
        || d == Dimension.SESSION_ID
        || d == Dimension.TAGS
        || d == Dimension.TRACE_NAME;
  }

  /** Whether the observations view needs its trace row for this measure. */
  static boolean fromTrace(Measure m) {
    return m == Measure.USER_ID || m == Measure.SESSION_ID;
  }

  /**
   * A measure's per-record value (NULL when the record has none). Token and cost columns hold what
   * sums count (0 / NULL for a row whose usage is its descendants'), see {@link ObservationRows}.
   */
  static String measure(MetricsView view, Measure m) {
    if (view.scores()) {
      return switch (m) {
        case COUNT -> "1";
        case VALUE -> "s.value";
        case TRACE_ID -> "s.trace_id";
        case USER_ID -> "t.user_id";
        case SESSION_ID -> "coalesce(s.session_id, t.session_id)";
        case TIMESTAMP -> "s.timestamp";
        default -> throw notInView(m.wireName(), view);
      };
    }
    if (view == MetricsView.TRACES) {
      return switch (m) {
        case COUNT -> "1";
        case LATENCY -> millis("t.last_end", "t.first_start");
        case INPUT_TOKENS, OUTPUT_TOKENS, TOTAL_TOKENS, CACHED_INPUT_TOKENS, REASONING_TOKENS ->
            TraceSearch.clamp("t." + perTraceColumn(m));
        case ERRORS -> "CASE WHEN t.errors > 0 THEN 1::BIGINT ELSE 0::BIGINT END";
        case INPUT_COST, OUTPUT_COST, TOTAL_COST -> "t." + perTraceColumn(m);
        case USER_ID -> "t.user_id";
        case SESSION_ID -> "t.session_id";
        case TIMESTAMP -> "t.timestamp";
        default -> throw notInView(m.wireName(), view);
      };
    }
    return switch (m) {
      case COUNT -> "1";
      case LATENCY -> "(o.duration_us::DOUBLE / 1000)"; // stored by the writer (SchemaV10)
      case TIME_TO_FIRST_TOKEN -> millis("o.completion_start_time", "o.start_time");
      case STREAMING_LATENCY -> millis("o.end_time", "o.completion_start_time");
      case INPUT_TOKENS -> "o.input_tokens";
      case OUTPUT_TOKENS -> "o.output_tokens";
      case TOTAL_TOKENS -> "o.total_tokens";
      case CACHED_INPUT_TOKENS -> "o.cached_tokens";
      case REASONING_TOKENS -> "o.reasoning_tokens";
      case INPUT_COST -> "o.input_cost";
      case OUTPUT_COST -> "o.output_cost";
      case TOTAL_COST -> "o.total_cost";
      case OUTPUT_TOKENS_PER_SECOND ->
          "CASE WHEN o.duration_us > 0 AND o.usage_scope = 'OWN' THEN o.output_tokens"
              + " / (o.duration_us::DOUBLE / 1e6) END";
      case ERRORS -> "CASE WHEN o.level = 'ERROR' THEN 1::BIGINT ELSE 0::BIGINT END";
      case TRACE_ID -> "o.trace_id";
      case USER_ID -> "t.user_id";
      case SESSION_ID -> "t.session_id";
      case TIMESTAMP -> "o.start_time";
      case VALUE -> throw notInView(m.wireName(), view);
    };
  }

  /**
   * A duration measure as whole microseconds ({@code BIGINT}), or null for other measures. Exact
   * percentiles sort these rather than the milliseconds as doubles: DuckDB sorts 64-bit integers
   * faster (p50/p95/p99 of 10M latencies by model: 264 vs 358 ms), and the interpolated result
   * divided by 1,000 is the same value to within a few ulps.
   */
  static @Nullable String micros(MetricsView view, Measure m) {
    if (view.scores()) return null;
    if (view == MetricsView.TRACES) {
      return m == Measure.LATENCY ? microsBetween("t.last_end", "t.first_start") : null;
    }
    return switch (m) {
      case LATENCY -> "o.duration_us"; // the writer's microsBetween(end_time, start_time)
      case TIME_TO_FIRST_TOKEN -> microsBetween("o.completion_start_time", "o.start_time");
      case STREAMING_LATENCY -> microsBetween("o.end_time", "o.completion_start_time");
      default -> null;
    };
  }

  /**
   * {@code end - start} in microseconds. Times less than 2^62 us (about 146,000 years) from 1970
   * cannot overflow the subtraction; a row with a time farther out (storable, never accepted by
   * ingest) gets the largest duration of its sign instead of failing the query.
   */
  static String microsBetween(String end, String start) {
    String e = "epoch_us(" + end + ")", s = "epoch_us(" + start + ")";
    return "(CASE WHEN "
        + within(e)
        + " AND "
        + within(s)
        + " THEN "
        + e
        + " - "
        + s
        + " WHEN "
        + e
        + " > "
        + s
        + " THEN 9223372036854775807 WHEN "
        + e
        + " < "
        + s
        + " THEN -9223372036854775807 WHEN "
        + e
        + " = "
        + s
        + " THEN 0 END)"; // a NULL time meets no case: NULL
  }

  private static String within(String micros) {
    return micros + " BETWEEN -4611686018427387903 AND 4611686018427387903";
  }

  /** The {@code trace_rollups} column of a per-trace sum. */
  private static String perTraceColumn(Measure m) {
    return switch (m) {
      case INPUT_TOKENS -> "input_tokens";
      case OUTPUT_TOKENS -> "output_tokens";
      case TOTAL_TOKENS -> "total_tokens";
      case CACHED_INPUT_TOKENS -> "cached_tokens";
      case REASONING_TOKENS -> "reasoning_tokens";
      case INPUT_COST -> "input_cost";
      case OUTPUT_COST -> "output_cost";
      case TOTAL_COST -> "total_cost";
      default -> throw new IllegalArgumentException(m.wireName() + " has no per-trace column");
    };
  }

  /**
   * {@code end - start} in milliseconds as a double (microsecond precision), subtracted as doubles:
   * exact for any time within {@link dev.loupe.model.Bounds}, and no overflow for the farthest
   * times a TIMESTAMP holds.
   */
  private static String millis(String end, String start) {
    return "(epoch_us(" + end + ")::DOUBLE - epoch_us(" + start + ")) / 1000";
  }

  private static IllegalArgumentException notInView(String name, MetricsView view) {
    return new IllegalArgumentException(name + " is not in view " + view.wireName());
  }
}
