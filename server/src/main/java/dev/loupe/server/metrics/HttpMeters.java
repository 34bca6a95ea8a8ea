package dev.loupe.server.metrics;

import dev.loupe.ingest.IngestResult.Rejection;
import dev.loupe.server.http.HttpMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP layer's meters: a latency histogram per route template, method and status class, body
 * sizes per route, and the ingest wires' span counts. Label values come from closed sets only (the
 * registered templates, a fixed list of methods, status classes, wires, {@link RejectReason}).
 */
final class HttpMeters implements HttpMetrics {
  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  private static final String NO_ROUTE = "none";

  private final MeterRegistry registry;
  private final Map<Key, Timer> timers = new ConcurrentHashMap<>();
  private final Map<Key, DistributionSummary> bodies = new ConcurrentHashMap<>();
  private final Map<Wire, Counter> received = new EnumMap<>(Wire.class);
  private final Map<Wire, Counter> acknowledged = new EnumMap<>(Wire.class);
  private final Map<Wire, Map<RejectReason, Counter>> rejected = new EnumMap<>(Wire.class);

  private record Key(String method, String route, String status) {}

  HttpMeters(MeterRegistry registry) {
    this.registry = registry;
    for (Wire wire : Wire.values()) {
      String w = Meters.label(wire);
      received.put(
          wire,
          Counter.builder("loupe.ingest.spans.received")
              .description("Spans (Langfuse batch: events) read from ingest requests")
              .tag("wire", w)
              .register(registry));
      acknowledged.put(
          wire,
          Counter.builder("loupe.ingest.spans.acknowledged")
              .description("Spans (Langfuse batch: events) durable and acknowledged")
              .tag("wire", w)
              .register(registry));
      Map<RejectReason, Counter> byReason = new EnumMap<>(RejectReason.class);
      for (RejectReason reason : RejectReason.values()) {
        byReason.put(
            reason,
            Counter.builder("loupe.ingest.spans.rejected")
                .description("Spans (Langfuse batch: events) rejected one by one, by reason")
                .tags("wire", w, "reason", reason.label())
                .register(registry));
      }
      rejected.put(wire, byReason);
    }
  }

  @Override
  public void answered(
      String method, @Nullable String route, int status, long nanos, long bodyBytes) {
    String m = METHODS.contains(method) ? method : "OTHER";
    String r = route == null ? NO_ROUTE : route;
    timers
        .computeIfAbsent(new Key(m, r, statusClass(status)), this::timer)
        .record(nanos, TimeUnit.NANOSECONDS);
    if (bodyBytes > 0) bodies.computeIfAbsent(new Key(m, r, ""), this::body).record(bodyBytes);
  }

  @Override
  public void received(Wire wire, int accepted, List<Rejection> rejections) {
    received.get(wire).increment(accepted + rejections.size());
    if (rejections.isEmpty()) return;
    Map<RejectReason, Counter> byReason = rejected.get(wire);
    for (Rejection r : rejections) byReason.get(RejectReason.of(r.reason())).increment();
  }

  @Override
  public void acknowledged(Wire wire, int items) {
    if (items > 0) acknowledged.get(wire).increment(items);
  }

  private Timer timer(Key k) {
    return Timer.builder("http.server.requests")
        .description("HTTP requests by route template, method and status class")
        .tags("method", k.method, "route", k.route, "status", k.status)
        .serviceLevelObjectives(Meters.LATENCY_BUCKETS)
        .register(registry);
  }

  private DistributionSummary body(Key k) {
    return DistributionSummary.builder("http.server.request.body")
        .description("Request body sizes as sent (before gzip is undone), by route template")
        .baseUnit("bytes")
        .tags("method", k.method, "route", k.route)
        .register(registry);
  }

  /** {@code 2xx}, {@code 4xx}, ...; {@code none} when no answer was sent. */
  static String statusClass(int status) {
    if (status < 100 || status > 599) return "none";
    return (status / 100) + "xx";
  }
}
