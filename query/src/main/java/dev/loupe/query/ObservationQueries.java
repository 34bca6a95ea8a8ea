package dev.loupe.query;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.storage.ObservationQuery;
import dev.loupe.storage.ObservationQuery.OrderBy;
import dev.loupe.storage.Page;
import dev.loupe.storage.SortDirection;
import dev.loupe.storage.TraceStore;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/public/observations} and {@code /observations/{id}}: request parameters to {@link
 * TraceStore} calls, always within the caller's project.
 *
 * <p>Besides Langfuse's parameters the list takes the observations view's, named as the traces list
 * names them: {@code sessionId} and {@code tags} (the trace's), {@code environment} (repeat: any
 * of), {@code release}, {@code q} (name contains it ignoring case, or id starts with it), {@code
 * search} (full text over name, input and output, as on traces), {@code minCost}/{@code maxCost}
 * (USD, {@code totalCost}, none as zero), {@code minLatency}/{@code maxLatency} (seconds), and
 * {@code orderBy} ({@code startTime}, {@code latency}, {@code cost} or {@code tokens} with {@code
 * .asc} or {@code .desc}).
 */
public final class ObservationQueries {
  private static final String TYPES = Arrays.toString(ObservationType.values());
  private static final String LEVELS = Arrays.toString(Level.values());
  private static final Map<String, OrderBy> ORDER_FIELDS =
      Map.of(
          "starttime", OrderBy.START_TIME,
          "latency", OrderBy.LATENCY,
          "cost", OrderBy.COST,
          "tokens", OrderBy.TOKENS);

  private final TraceStore store;

  public ObservationQueries(TraceStore store) {
    this.store = requireNonNull(store, "store");
  }

  /** One page of the project's observations matching the parameters, newest start first. */
  public Page<Observation> search(String projectId, QueryParams params) {
    return store.searchObservations(query(projectId, params));
  }

  /** One page of a query already built (an export's pages). */
  Page<Observation> search(ObservationQuery q) {
    return store.searchObservations(q);
  }

  /** One observation. */
  public Observation get(String projectId, String observationId) {
    return store
        .getObservation(projectId, observationId)
        .orElseThrow(() -> new NotFoundException("observation", observationId));
  }

  static ObservationQuery query(String projectId, QueryParams p) {
    ApiParams.rejectUnsupported(p);
    ObservationQuery.Builder b = ObservationQuery.builder(projectId);
    String orderBy = p.string("orderBy");
    if (orderBy != null) b.orderBy(orderField(orderBy), direction(orderBy));
    return b.type(p.choice("type", ObservationType::fromWire, TYPES))
        .name(p.string("name"))
        .userId(p.string("userId"))
        .sessionId(p.string("sessionId"))
        .tags(p.strings("tags"))
        .level(p.choice("level", ObservationQueries::strictLevel, LEVELS))
        .traceId(p.string("traceId"))
        .parentObservationId(p.string("parentObservationId"))
        .environments(p.strings("environment"))
        .release(p.string("release"))
        .version(p.string("version"))
        .model(p.string("model"))
        .search(p.string("q"))
        .fullText(TraceQueries.fullText(p))
        .minCost(TraceQueries.cost(p, "minCost"))
        .maxCost(TraceQueries.cost(p, "maxCost"))
        .minLatency(TraceQueries.seconds(p, "minLatency"))
        .maxLatency(TraceQueries.seconds(p, "maxLatency"))
        .fromStartTime(p.instant("fromStartTime"))
        .toStartTime(p.instant("toStartTime"))
        .paging(ApiParams.paging(p))
        .build();
  }

  private static OrderBy orderField(String orderBy) {
    OrderBy field = ORDER_FIELDS.get(TraceQueries.head(orderBy).toLowerCase(Locale.ROOT));
    if (field == null) throw badOrder(orderBy);
    return field;
  }

  private static SortDirection direction(String orderBy) {
    try {
      return TraceQueries.direction(orderBy);
    } catch (InvalidParameterException e) {
      throw badOrder(orderBy);
    }
  }

  private static InvalidParameterException badOrder(String orderBy) {
    return new InvalidParameterException(
        "orderBy",
        "expected <field>.<asc|desc> with field one of startTime, latency, cost, tokens; got '"
            + orderBy
            + "'");
  }

  /** Filters take the four level names only (aliases such as INFO are for ingest). */
  private static Optional<Level> strictLevel(String v) {
    return Arrays.stream(Level.values()).filter(l -> l.name().equalsIgnoreCase(v)).findFirst();
  }
}
