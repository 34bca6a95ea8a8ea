package dev.loupe.server.http;

import static java.util.Objects.requireNonNull;

import dev.loupe.server.auth.Access;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Method + path template routing. A template is literal segments and {@code {name}} segments, each
 * of which matches one non-empty, percent-decoded path segment. Route groups register their
 * handlers:
 *
 * <pre>{@code
 * routes.get("/api/public/traces", Access.BASIC, this::list)
 *       .get("/api/public/traces/{traceId}", Access.BASIC, this::get);
 * }</pre>
 */
public final class Routes {
  private final List<Route> routes = new ArrayList<>();
  private final List<Fallback> fallbacks = new ArrayList<>();
  private final @Nullable Runnable readBarrier;
  private final @Nullable Routes servedBy;
  private final @Nullable String notServed;

  /** Routes whose handlers run at once. */
  public Routes() {
    this(null);
  }

  private Routes(@Nullable Runnable readBarrier) {
    this.readBarrier = readBarrier;
    this.servedBy = null;
    this.notServed = null;
  }

  private Routes(Routes servedBy, String notServed) {
    this.readBarrier = null;
    this.servedBy = servedBy;
    this.notServed = notServed;
  }

  /**
   * A view of these routes for a group this node does not serve (a role it lacks): every route
   * added through it answers 404 with {@code why}, without asking for credentials, so a client or a
   * load balancer sent to the wrong node learns so at once.
   */
  public Routes notServing(String why) {
    return new Routes(this, requireNonNull(why, "why"));
  }

  /**
   * Routes whose reads of project data (every route added later that is not an ingest route and
   * either takes credentials or serves the UI) first run {@code barrier}: the ingestion step's wait
   * until what was acknowledged before is applied ({@code Ingestion::awaitVisible}), so a client
   * reads what it wrote. Open routes outside the UI (health, a metrics scrape) never wait.
   */
  public static Routes readingAfter(Runnable barrier) {
    return new Routes(requireNonNull(barrier, "barrier"));
  }

  /** Answers every path under {@code prefix} that no template matches (any method). */
  record Fallback(String template, List<String> prefix, Access access, Handler handler) {}

  /**
   * @param template the path template as registered ({@code /api/public/traces/{traceId}}); a
   *     fallback's is its prefix and {@code /*}. Metrics name routes by it, never by the raw path.
   * @param ingest an ingest route: its body is charged to the {@link IngestBudget} before the
   *     handler runs
   */
  record Route(
      String method,
      String template,
      List<String> segments,
      Access access,
      Handler handler,
      boolean ingest) {}

  record Match(Route route, Map<String, String> pathParams) {}

  public Routes get(String template, Access access, Handler handler) {
    return add("GET", template, access, handler, false);
  }

  public Routes post(String template, Access access, Handler handler) {
    return add("POST", template, access, handler, false);
  }

  /**
   * A POST whose body is an ingest batch: it is reserved (and may be refused with 429) in the
   * endpoint's {@link IngestBudget} before the handler reads it.
   */
  public Routes ingest(String template, Access access, Handler handler) {
    return add("POST", template, access, handler, true);
  }

  public Routes put(String template, Access access, Handler handler) {
    return add("PUT", template, access, handler, false);
  }

  public Routes patch(String template, Access access, Handler handler) {
    return add("PATCH", template, access, handler, false);
  }

  public Routes delete(String template, Access access, Handler handler) {
    return add("DELETE", template, access, handler, false);
  }

  /**
   * Handles the paths under {@code prefix} (and the prefix itself) that no template matches, for
   * any method; e.g. the UI answers its unknown pages with its own 404 page rather than the API's
   * JSON.
   */
  public Routes fallback(String prefix, Access access, Handler handler) {
    if (servedBy != null) {
      servedBy.fallback(prefix, Access.NONE, refusing());
      return this;
    }
    fallbacks.add(
        new Fallback(
            prefix.endsWith("/") ? prefix + "*" : prefix + "/*",
            segments(prefix),
            requireNonNull(access, "access"),
            requireNonNull(handler, "handler")));
    return this;
  }

  private Routes add(
      String method, String template, Access access, Handler handler, boolean ingest) {
    if (!template.startsWith("/"))
      throw new IllegalArgumentException("template must start with /: " + template);
    requireNonNull(handler, "handler");
    if (servedBy != null) {
      servedBy.add(method, template, Access.NONE, refusing(), false);
      return this; // chained registrations stay refused
    }
    Runnable barrier = readBarrier;
    if (barrier != null && !ingest && (access != Access.NONE || template.startsWith("/ui"))) {
      Handler direct = handler;
      handler =
          ex -> {
            barrier.run();
            direct.handle(ex);
          };
    }
    routes.add(
        new Route(
            method,
            template,
            segments(template),
            requireNonNull(access, "access"),
            requireNonNull(handler, "handler"),
            ingest));
    return this;
  }

  /**
   * The route for a request.
   *
   * @throws NoRouteException when no template or fallback matches the path
   * @throws MethodNotAllowedException when templates match the path but not the method
   */
  Match match(String method, String rawPath) {
    List<String> path = segments(rawPath);
    Set<String> allowed = new TreeSet<>();
    for (Route route : routes) {
      Map<String, String> params = bind(route.segments, path);
      if (params == null) continue;
      if (route.method.equals(method)) return new Match(route, params);
      allowed.add(route.method);
    }
    if (!allowed.isEmpty()) throw new MethodNotAllowedException(method, allowed);
    for (Fallback f : fallbacks) {
      if (path.size() >= f.prefix.size() && path.subList(0, f.prefix.size()).equals(f.prefix))
        return new Match(new Route(method, f.template, path, f.access, f.handler, false), Map.of());
    }
    throw new NoRouteException(method, rawPath);
  }

  private Handler refusing() {
    String why = notServed;
    return ex -> {
      throw new NotServedException(why == null ? "not served here" : why);
    };
  }

  private static Map<String, String> bind(List<String> template, List<String> path) {
    if (template.size() != path.size()) return null;
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < template.size(); i++) {
      String t = template.get(i);
      if (t.startsWith("{") && t.endsWith("}")) {
        params.put(t.substring(1, t.length() - 1), decode(path.get(i)));
      } else if (!t.equals(path.get(i))) {
        return null;
      }
    }
    return params;
  }

  /** Non-empty segments: {@code /a//b/} is {@code [a, b]}. */
  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) if (!s.isEmpty()) out.add(s);
    return out;
  }

  /** Percent-decoding for a path segment: {@code +} stays a plus. */
  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("path: bad percent-encoding in '" + segment + "'");
    }
  }

  /** No route has this path (HTTP 404). */
  static final class NoRouteException extends RuntimeException {
    NoRouteException(String method, String path) {
      super("no route for " + method + " " + path);
    }
  }

  /** Routes have this path but not this method (HTTP 405). */
  static final class MethodNotAllowedException extends RuntimeException {
    private final Set<String> allowed;

    MethodNotAllowedException(String method, Set<String> allowed) {
      super(method + " is not allowed here; use " + String.join(", ", allowed));
      this.allowed = Set.copyOf(allowed);
    }

    String allowHeader() {
      return String.join(", ", new TreeSet<>(allowed));
    }
  }
}
