package dev.loupe.server.ui;

import dev.loupe.server.http.Exchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The UI's static assets, from a fixed list of classpath files (ours, and the htmx and uPlot
 * WebJars); anything else is 404. Files are read once and kept.
 */
final class StaticFiles {
  private static final String CSS = "text/css; charset=utf-8";
  private static final String JS = "text/javascript; charset=utf-8";
  private static final String OURS = "/dev/loupe/server/ui/static/";
  private static final String WEBJARS = "/META-INF/resources/webjars/";

  private record Asset(String resource, String type) {}

  private static final Map<String, Asset> ASSETS =
      Map.ofEntries(
          Map.entry("favicon.svg", new Asset(OURS + "favicon.svg", "image/svg+xml")),
          Map.entry("loupe.css", new Asset(OURS + "loupe.css", CSS)),
          Map.entry("theme.js", new Asset(OURS + "theme.js", JS)),
          Map.entry("loupe.js", new Asset(OURS + "loupe.js", JS)),
          Map.entry("traces.js", new Asset(OURS + "traces.js", JS)),
          Map.entry("times.js", new Asset(OURS + "times.js", JS)),
          Map.entry("trace.js", new Asset(OURS + "trace.js", JS)),
          Map.entry("panel.js", new Asset(OURS + "panel.js", JS)),
          Map.entry("markdown.js", new Asset(OURS + "markdown.js", JS)),
          Map.entry("graph.js", new Asset(OURS + "graph.js", JS)),
          Map.entry("dashboard.js", new Asset(OURS + "dashboard.js", JS)),
          Map.entry("htmx.min.js", new Asset(WEBJARS + "htmx.org/2.0.7/dist/htmx.min.js", JS)),
          Map.entry(
              "uPlot.iife.min.js", new Asset(WEBJARS + "uplot/1.6.30/dist/uPlot.iife.min.js", JS)),
          Map.entry("uPlot.min.css", new Asset(WEBJARS + "uplot/1.6.30/dist/uPlot.min.css", CSS)));

  private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

  private StaticFiles() {}

  /** The names served under {@code /ui/static/}. */
  static java.util.Set<String> names() {
    return ASSETS.keySet();
  }

  static void serve(Exchange ex) throws IOException {
    String file = ex.path("file");
    Asset asset = ASSETS.get(file);
    byte[] body = asset == null ? null : read(asset.resource());
    if (body == null) {
      Pages.send(
          ex,
          404,
          "text/plain; charset=utf-8",
          ("no such file: " + file).getBytes(StandardCharsets.UTF_8),
          Map.of());
      return;
    }
    Pages.send(ex, 200, asset.type(), body, Map.of("Cache-Control", "max-age=300"));
  }

  private static byte[] read(String resource) throws IOException {
    byte[] cached = CACHE.get(resource);
    if (cached != null) return cached;
    try (InputStream in = StaticFiles.class.getResourceAsStream(resource)) {
      if (in == null) return null;
      byte[] bytes = in.readAllBytes();
      CACHE.put(resource, bytes);
      return bytes;
    }
  }
}
