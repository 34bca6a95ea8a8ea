package dev.loupe.server.ui;

import dev.loupe.server.http.Exchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The UI's static assets, from a fixed list of classpath files; anything else is 404. */
final class StaticFiles {
  private static final Map<String, String> TYPES = Map.of("loupe.css", "text/css; charset=utf-8");

  private StaticFiles() {}

  static void serve(Exchange ex) throws IOException {
    String file = ex.path("file");
    String type = TYPES.get(file);
    byte[] body = type == null ? null : read(file);
    if (body == null) {
      Pages.send(
          ex,
          404,
          "text/plain; charset=utf-8",
          ("no such file: " + file).getBytes(StandardCharsets.UTF_8),
          Map.of());
      return;
    }
    Pages.send(ex, 200, type, body, Map.of("Cache-Control", "max-age=300"));
  }

  private static byte[] read(String file) throws IOException {
    try (InputStream in = StaticFiles.class.getResourceAsStream("static/" + file)) {
      return in == null ? null : in.readAllBytes();
    }
  }
}
