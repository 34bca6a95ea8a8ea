package dev.loupe.query;

import static java.util.Objects.requireNonNull;

import dev.loupe.storage.Page;
import dev.loupe.storage.SortDirection;
import dev.loupe.storage.TraceDetail;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.TraceQuery.OrderBy;
import dev.loupe.storage.TraceStore;
import dev.loupe.storage.TraceSummary;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/public/traces} and {@code /traces/{id}}: request parameters to {@link TraceStore}
 * calls, always within the caller's project.
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
          "id", OrderBy.ID);

  private final TraceStore store;

  public TraceQueries(TraceStore store) {
    this.store = requireNonNull(store, "store");
  }

  /** One page of the project's traces matching the parameters. */
  public Page<TraceSummary> search(String projectId, QueryParams params) {
    return store.searchTraces(query(projectId, params));
  }

  /** The trace with all its observations. */
  public TraceDetail get(String projectId, String traceId) {
    return store
        .getTrace(projectId, traceId)
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
            .paging(ApiParams.paging(p));
    String orderBy = p.string("orderBy");
    if (orderBy != null) b.orderBy(orderField(orderBy), direction(orderBy));
    return b.build();
  }

  private static OrderBy orderField(String orderBy) {
    OrderBy field = ORDER_FIELDS.get(head(orderBy).toLowerCase(Locale.ROOT));
    if (field == null) throw badOrder(orderBy);
    return field;
  }

  private static SortDirection direction(String orderBy) {
    String dir = tail(orderBy);
    if (dir == null) throw badOrder(orderBy);
    return switch (dir.toLowerCase(Locale.ROOT)) {
      case "asc" -> SortDirection.ASC;
      case "desc" -> SortDirection.DESC;
      default -> throw badOrder(orderBy);
    };
  }

  private static String head(String orderBy) {
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
            + "name, userId, sessionId, release, version, id; got '"
            + orderBy
            + "'");
  }
}
