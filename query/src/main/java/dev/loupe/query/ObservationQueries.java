package dev.loupe.query;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.storage.ObservationQuery;
import dev.loupe.storage.Page;
import dev.loupe.storage.TraceStore;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code GET /api/public/observations} and {@code /observations/{id}}: request parameters to {@link
 * TraceStore} calls, always within the caller's project.
 */
public final class ObservationQueries {
  private static final String TYPES = Arrays.toString(ObservationType.values());
  private static final String LEVELS = Arrays.toString(Level.values());

  private final TraceStore store;

  public ObservationQueries(TraceStore store) {
    this.store = requireNonNull(store, "store");
  }

  /** One page of the project's observations matching the parameters, newest start first. */
  public Page<Observation> search(String projectId, QueryParams params) {
    return store.searchObservations(query(projectId, params));
  }

  /** One observation. */
  public Observation get(String projectId, String observationId) {
    return store
        .getObservation(projectId, observationId)
        .orElseThrow(() -> new NotFoundException("observation", observationId));
  }

  static ObservationQuery query(String projectId, QueryParams p) {
    ApiParams.rejectUnsupported(p);
    return ObservationQuery.builder(projectId)
        .type(p.choice("type", ObservationType::fromWire, TYPES))
        .name(p.string("name"))
        .userId(p.string("userId"))
        .level(p.choice("level", ObservationQueries::strictLevel, LEVELS))
        .traceId(p.string("traceId"))
        .parentObservationId(p.string("parentObservationId"))
        .environment(p.string("environment"))
        .version(p.string("version"))
        .model(p.string("model"))
        .fromStartTime(p.instant("fromStartTime"))
        .toStartTime(p.instant("toStartTime"))
        .paging(ApiParams.paging(p))
        .build();
  }

  /** Filters take the four level names only (aliases such as INFO are for ingest). */
  private static Optional<Level> strictLevel(String v) {
    return Arrays.stream(Level.values()).filter(l -> l.name().equalsIgnoreCase(v)).findFirst();
  }
}
