package dev.loupe.server.ui;

import dev.loupe.server.http.Exchange;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the precompiled templates (src/main/jte, compiled at build time; HTML-escaping by
 * default) and sends UI answers, each with the security headers.
 */
public final class Pages {
  static final String CSP =
      "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'";
  public static final String HTML = "text/html; charset=utf-8";

  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  /** Renders {@code template} with its single {@code page} parameter and answers with it. */
  public void render(Exchange ex, int status, String template, Object page) throws IOException {
    render(ex, status, template, page, Map.of());
  }

  public void render(
      Exchange ex, int status, String template, Object page, Map<String, String> headers)
      throws IOException {
    StringOutput out = new StringOutput(8192);
    engine.render(template, page, out);
    send(ex, status, HTML, out.toString().getBytes(StandardCharsets.UTF_8), headers);
  }

  /** Renders fragments one after the other (template, its single parameter) as one answer. */
  public void renderAll(Exchange ex, int status, List<Map.Entry<String, Object>> fragments)
      throws IOException {
    StringOutput out = new StringOutput(8192);
    for (Map.Entry<String, Object> f : fragments) engine.render(f.getKey(), f.getValue(), out);
    send(ex, status, HTML, out.toString().getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** 303 See Other to a path of the UI. */
  public static void redirect(Exchange ex, String location, Map<String, String> headers)
      throws IOException {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Location", location);
    send(ex, 303, HTML, new byte[0], all);
  }

  /**
   * Starts a download: the page headers plus {@code Content-Disposition: attachment} with the file
   * name (letters, digits, {@code . _ -} only); the caller writes the body and closes it.
   */
  public static java.io.OutputStream download(
      Exchange ex, String contentType, String fileName, Map<String, String> headers)
      throws IOException {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Security-Policy", CSP);
    all.put("X-Content-Type-Options", "nosniff");
    all.put("Referrer-Policy", "same-origin");
    all.put("Cache-Control", "no-store");
    all.put(
        "Content-Disposition",
        "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
    return ex.stream(200, contentType, all);
  }

  /**
   * Sends a list's export as {@code <what>-<project>-<yyyyMMdd-HHmmss>.<csv|jsonl>}, saying in
   * {@code X-Loupe-Export-Rows} how many rows it holds of how many, and in {@code
   * X-Loupe-Export-Cut} whether the bound cut it.
   */
  public static void stream(
      Exchange ex,
      dev.loupe.query.ListExport<?> export,
      dev.loupe.query.ListExport.Format format,
      String what,
      String projectId,
      java.time.Instant now)
      throws IOException {
    String stamp =
        java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(java.time.ZoneOffset.UTC)
            .format(now);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Loupe-Export-Rows", export.rows() + " of " + export.totalItems());
    headers.put("X-Loupe-Export-Cut", Boolean.toString(export.cut()));
    try (java.io.OutputStream out =
        new java.io.BufferedOutputStream(
            download(
                ex,
                format.contentType,
                what + "-" + projectId + "-" + stamp + "." + format.wire,
                headers),
            64 * 1024)) {
      export.write(format, out);
    }
  }

  /** Sends a body of any type with the security headers ({@code no-store} unless given). */
  public static void send(
      Exchange ex, int status, String contentType, byte[] body, Map<String, String> headers)
      throws IOException {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Security-Policy", CSP);
    all.put("X-Content-Type-Options", "nosniff");
    all.put("Referrer-Policy", "same-origin");
    all.putIfAbsent("Cache-Control", "no-store");
    ex.send(status, contentType, body, all);
  }
}
