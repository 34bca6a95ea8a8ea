package dev.loupe.query;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Level;
import dev.loupe.storage.FullText;
import dev.loupe.storage.Page;
import dev.loupe.storage.ScoreQuery;
import dev.loupe.storage.SortDirection;
import dev.loupe.storage.TraceDetail;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.TraceQuery.OrderBy;
import dev.loupe.storage.TraceStore;
import dev.loupe.storage.TraceSummary;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/public/traces} and {@code /traces/{id}}: request parameters to {@link TraceStore}
 * calls, always within the caller's project.
 *
 * <p>Besides Langfuse's parameters the list takes the UI's: {@code q} (name contains it ignoring
 * case, or id starts with it), {@code search} (full text: the trace's name, input or output
 * contains it ignoring case, JSON escapes decoded; reads every candidate's payload, so give a time
 * range), {@code level} (has an observation at that level), {@code model} (has an observation of
 * that model), {@code minCost}/{@code maxCost} (USD, total cost, inclusive), {@code
 * minLatency}/{@code maxLatency} (seconds, inclusive), and {@code orderBy} also by {@code latency},
 * {@code cost} or {@code tokens}; {@code scoreName} (has a score of that name, its own or an
 * observation's) with the optional {@code scoreOperator} ({@code < > <= >= = !=}) and {@code
 * scoreValue} on the score's number.
 */
public final class TraceQueries {
  private static final Map<String, OrderBy> ORDER_FIELDS =
      Map.of(
          "timestamp", OrderBy.TIMESTAMP,
          "name", OrderBy.NAME,
          "userid", OrderBy.USER_ID,
          "sessionid", OrderBy.SESSION_ID,
          "release", OrderBy.RELEASE,
          "version", OrderBy.VERSION,
          "id", OrderBy.ID,
          "latency", OrderBy.LATENCY,
          "cost", OrderBy.COST,
          "tokens", OrderBy.TOKENS);

  /** Cost bounds above this many USD are refused (and keep the arithmetic small). */
  private static final BigDecimal MAX_COST = new BigDecimal("1000000000000");

  /** Latency bounds above this many seconds (about 31 years) are refused. */
  private static final BigDecimal MAX_SECONDS = new BigDecimal("1000000000");

  private final TraceStore store;

  public TraceQueries(TraceStore store) {
    this.store = requireNonNull(store, "store");
  }

  /** One page of the project's traces matching the parameters. */
  public Page<TraceSummary> search(String projectId, QueryParams params) {
    return store.searchTraces(query(projectId, params));
  }

  /**
   * {@link #search} for a list that does not show the traces' observation ids (the web UI's): the
   * summaries may come without them, which saves the store a read per page.
   */
  public Page<TraceSummary> searchWithoutObservationIds(String projectId, QueryParams params) {
    return store.searchTraces(query(projectId, params).withoutObservationIds());
  }

  /** One page of a query already built (an export's pages). */
  Page<TraceSummary> search(TraceQuery q) {
    return store.searchTraces(q);
  }

  /** The trace with all its observations. */
  public TraceDetail get(String projectId, String traceId) {
    return store
        .getTrace(projectId, traceId)
        .orElseThrow(() -> new NotFoundException("trace", traceId));
  }

  /**
   * The trace with its observations' facts but not necessarily their payloads ({@link
   * dev.loupe.storage.TraceStore#getTraceOutline}): what a trace's tree and totals need.
   */
  public TraceDetail outline(String projectId, String traceId) {
    return store
        .getTraceOutline(projectId, traceId)
        .orElseThrow(() -> new NotFoundException("trace", traceId));
  }

  static TraceQuery query(String projectId, QueryParams p) {
    ApiParams.rejectUnsupported(p);
    TraceQuery.Builder b =
        TraceQuery.builder(projectId)
            .userId(p.string("userId"))
            .name(p.string("name"))
            .tags(p.strings("tags"))
            .sessionId(p.string("sessionId"))
            .environments(p.strings("environment"))
            .version(p.string("version"))
            .release(p.string("release"))
            .fromTimestamp(p.instant("fromTimestamp"))
            .toTimestamp(p.instant("toTimestamp"))
            .search(p.string("q"))
            .fullText(fullText(p))
            .level(p.choice("level", TraceQueries::level, "DEBUG, DEFAULT, WARNING, ERROR"))
            .model(p.string("model"))
            .minCost(cost(p, "minCost"))
            .maxCost(cost(p, "maxCost"))
            .minLatency(seconds(p, "minLatency"))
            .maxLatency(seconds(p, "maxLatency"))
            .paging(ApiParams.paging(p));
    String orderBy = p.string("orderBy");
    if (orderBy != null) b.orderBy(orderField(orderBy), direction(orderBy));
    String scoreName = p.string("scoreName");
    ScoreQuery.ValueFilter scoreValue = ScoreQueries.valueFilter(p, "scoreOperator", "scoreValue");
    if (scoreName != null && !scoreName.isBlank()) {
      b.score(new TraceQuery.ScoreFilter(scoreName, scoreValue));
    } else if (scoreValue != null) {
      throw new InvalidParameterException(
          "scoreName", "required with scoreOperator and scoreValue");
    }
    return b.build();
  }

  /**
   * {@code search}: full text over name, input and output ({@link FullText}); at most {@link
   * FullText#MAX_LENGTH} characters, blank for none.
   */
  static @Nullable String fullText(QueryParams p) {
    String v = p.string("search");
    if (v == null || v.isBlank()) return null;
    if (v.length() > FullText.MAX_LENGTH) {
      throw new InvalidParameterException(
          "search", "at most " + FullText.MAX_LENGTH + " characters, got " + v.length());
    }
    return v;
  }

  private static Optional<Level> level(String value) {
    try {
      return Optional.of(Level.valueOf(value.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A USD amount in [0, 10^12] with at most 12 decimal places; null when absent. */
  static @Nullable BigDecimal cost(QueryParams p, String name) {
    BigDecimal v = decimal(p, name, MAX_COST, "USD");
    if (v != null && v.stripTrailingZeros().scale() > 12) {
      throw new InvalidParameterException(name, "at most 12 decimal places, got '" + v + "'");
    }
    return v;
  }

  /** Seconds in [0, 10^9] with at most 9 decimal places, as a duration; null when absent. */
  static @Nullable Duration seconds(QueryParams p, String name) {
    BigDecimal v = decimal(p, name, MAX_SECONDS, "seconds");
    if (v == null) return null;
    if (v.stripTrailingZeros().scale() > 9) {
      throw new InvalidParameterException(name, "at most 9 decimal places, got '" + v + "'");
    }
    BigDecimal nanos = v.movePointRight(9);
    return Duration.ofSeconds(0, nanos.longValueExact());
  }

  private static @Nullable BigDecimal decimal(
      QueryParams p, String name, BigDecimal max, String unit) {
    String raw = p.string(name);
    if (raw == null) return null;
    BigDecimal v;
    try {
      v = new BigDecimal(raw);
    } catch (NumberFormatException e) {
      throw new InvalidParameterException(name, "not a number: '" + raw + "'");
    }
    if (v.signum() < 0 || v.compareTo(max) > 0) {
      throw new InvalidParameterException(
          name,
          "must be between 0 and " + max.toPlainString() + " " + unit + ", got '" + raw + "'");
    }
    return v;
  }

  private static OrderBy orderField(String orderBy) {
    OrderBy field = ORDER_FIELDS.get(head(orderBy).toLowerCase(Locale.ROOT));
    if (field == null) throw badOrder(orderBy);
    return field;
  }

  static SortDirection direction(String orderBy) {
    String dir = tail(orderBy);
    if (dir == null) throw badOrder(orderBy);
    return switch (dir.toLowerCase(Locale.ROOT)) {
      case "asc" -> SortDirection.ASC;
      case "desc" -> SortDirection.DESC;
      default -> throw badOrder(orderBy);
    };
  }

  static String head(String orderBy) {
    int dot = orderBy.lastIndexOf('.');
    return dot < 0 ? orderBy : orderBy.substring(0, dot);
  }

  private static @Nullable String tail(String orderBy) {
    int dot = orderBy.lastIndexOf('.');
    return dot < 0 ? null : orderBy.substring(dot + 1);
  }

  private static InvalidParameterException badOrder(String orderBy) {
    return new InvalidParameterException(
        "orderBy",
        "expected <field>.<asc|desc> with field one of timestamp, "
            + "name, userId, sessionId, release, version, id, latency, cost, tokens; got '"
            + orderBy
            + "'");
  }
}
