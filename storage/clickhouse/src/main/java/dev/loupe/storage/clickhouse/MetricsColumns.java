package dev.loupe.storage.clickhouse;

import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.MetricsView;

/**
 * The fixed SQL of every dimension and per-record measure, by view, over the aliases {@link
 * MetricsFrom} joins: {@code o} the observation, {@code t} the trace row, {@code r} a trace's
 * figures over its observations, {@code s} the score, {@code m} the scored trace's last model call.
 * A joined row that is missing reads as ClickHouse's join defaults: NULL for the Nullable columns,
 * no tags, 0 for the figures. Only enum constants choose the text; user values are parameters.
 */
final class MetricsColumns {
  private MetricsColumns() {}

  /** A dimension's value (a String or Nullable(String); tags an Array(String)). */
  static String dimension(MetricsView view, Dimension d) {
    if (view.scores()) {
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
        case TAGS -> "t.tags";
        case OBSERVATION_NAME -> "o.name";
        case OBSERVATION_MODEL_NAME -> "o.model";
        case MODEL ->
            "multiIf(s.observation_id IS NOT NULL, o.model, s.trace_id IS NOT NULL, m.last_model, NULL)";
        default -> throw notInView(d.wireName(), view);
      };
    }
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
      case TRACE_NAME -> "t.name";
      case TAGS -> "t.tags";
      case ENVIRONMENT -> "o.environment";
      case RELEASE -> "o.release";
      case VERSION -> "o.version";
      case TRACE_ID -> "o.trace_id";
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
   * A measure's per-record value, NULL when the record has none. On the observations view an
   * observation whose usage is its descendants' total has 0 tokens and no cost or rate; the traces
   * view reads {@code r}, which sums only the observations that count.
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
        case LATENCY -> millis("r.last_end", "r.first_start");
        case INPUT_TOKENS -> "r.f_input_tokens";
        case OUTPUT_TOKENS -> "r.f_output_tokens";
        case TOTAL_TOKENS -> "r.f_total_tokens";
        case CACHED_INPUT_TOKENS -> "r.f_cached_tokens";
        case REASONING_TOKENS -> "r.f_reasoning_tokens";
        case INPUT_COST -> "r.f_input_cost";
        case OUTPUT_COST -> "r.f_output_cost";
        case TOTAL_COST -> "r.f_total_cost";
        case ERRORS -> "toInt64(r.errors > 0)";
        case USER_ID -> "t.user_id";
        case SESSION_ID -> "t.session_id";
        case TIMESTAMP -> "t.timestamp";
        default -> throw notInView(m.wireName(), view);
      };
    }
    String own = "o.usage_scope = 'OWN'";
    return switch (m) {
      case COUNT -> "1";
      case LATENCY -> millis("o.end_time", "o.start_time");
      case TIME_TO_FIRST_TOKEN -> millis("o.completion_start_time", "o.start_time");
      case STREAMING_LATENCY -> millis("o.end_time", "o.completion_start_time");
      case INPUT_TOKENS -> "if(" + own + ", o.input_tokens, 0)";
      case OUTPUT_TOKENS -> "if(" + own + ", o.output_tokens, 0)";
      case TOTAL_TOKENS -> "if(" + own + ", o.total_tokens, 0)";
      case CACHED_INPUT_TOKENS -> "if(" + own + ", o.cached_tokens, 0)";
      case REASONING_TOKENS -> "if(" + own + ", o.reasoning_tokens, 0)";
      case INPUT_COST -> "if(" + own + ", o.input_cost, NULL)";
      case OUTPUT_COST -> "if(" + own + ", o.output_cost, NULL)";
      case TOTAL_COST -> "if(" + own + ", o.total_cost, NULL)";
      case OUTPUT_TOKENS_PER_SECOND ->
          "if(o.end_time > o.start_time AND "
              + own
              + ", o.output_tokens / ((toFloat64(o.end_time) - toFloat64(o.start_time)) / 1e6),"
              + " NULL)";
      case ERRORS -> "toInt64(o.level = 'ERROR')";
      case TRACE_ID -> "o.trace_id";
      case USER_ID -> "t.user_id";
      case SESSION_ID -> "t.session_id";
      case TIMESTAMP -> "o.start_time";
      case VALUE -> throw notInView(m.wireName(), view);
    };
  }

  /**
   * {@code end - start} of two Int64 microsecond times in milliseconds, subtracted as doubles:
   * exact for times within 285 years of 1970 (doubles hold every integer below 2^53), and no
   * overflow for the farthest times a row may hold (±200,000 years apart). NULL when either is
   * NULL.
   */
  private static String millis(String end, String start) {
    return "((toFloat64(" + end + ") - toFloat64(" + start + ")) / 1000)";
  }

  private static IllegalArgumentException notInView(String name, MetricsView view) {
    return new IllegalArgumentException(name + " is not in view " + view.wireName());
  }
}
