package dev.loupe.testing.clickhouse;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import net.jpountz.lz4.LZ4FrameInputStream;

/**
 * One request to the ClickHouse HTTP interface, read as a server reads it: the statement in the
 * {@code query} parameter and/or the body (the body follows the parameter, after a newline), the
 * {@code database} and {@code default_format} parameters before their X-ClickHouse-* headers,
 * {@code param_<name>} values for {@code {name:Type}} placeholders, and every other parameter a
 * setting. The body is decoded from its Content-Encoding (gzip, deflate, lz4) and, on {@code
 * decompress=1}, from ClickHouse's compressed blocks.
 */
record HttpQuery(
    String query,
    byte[] body,
    String database,
    String format,
    Map<String, String> settings,
    Map<String, String> params,
    String queryId,
    String user,
    boolean compress,
    String acceptEncoding) {

  /** Parameters the HTTP interface reads itself; the rest are settings. */
  private static final Set<String> RESERVED =
      Set.of(
          "query",
          "database",
          "default_format",
          "user",
          "password",
          "quota_key",
          "query_id",
          "stacktrace",
          "role",
          "compress",
          "decompress",
          "buffer_size",
          "wait_end_of_query",
          "session_id",
          "session_timeout",
          "session_check",
          "client_protocol_version",
          "close_session");

  /** The statement: the query parameter, a newline and the body, as a server joins them. */
  byte[] statement() {
    if (query == null) {
      return body;
    }
    byte[] q = (query + (body.length > 0 ? "\n" : "")).getBytes(StandardCharsets.UTF_8);
    byte[] all = Arrays.copyOf(q, q.length + body.length);
    System.arraycopy(body, 0, all, q.length, body.length);
    return all;
  }

  static HttpQuery read(HttpExchange exchange) throws IOException {
    Map<String, String> url = new TreeMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        url.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    Map<String, String> settings = new TreeMap<>();
    Map<String, String> params = new TreeMap<>();
    url.forEach(
        (name, value) -> {
          if (name.startsWith("param_")) {
            params.put(name.substring("param_".length()), value);
          } else if (!RESERVED.contains(name)) {
            settings.put(name, value);
          }
        });
    Headers h = exchange.getRequestHeaders();
    String database = or(url.get("database"), h.getFirst("X-ClickHouse-Database"), "default");
    String format =
        or(url.get("default_format"), h.getFirst("X-ClickHouse-Format"), "TabSeparated");
    String queryId = or(url.get("query_id"), h.getFirst("X-ClickHouse-Query-Id"), null);
    String user = or(url.get("user"), h.getFirst("X-ClickHouse-User"), "default");
    byte[] body = body(exchange, "1".equals(url.get("decompress")));
    return new HttpQuery(
        url.get("query"),
        body,
        database.isEmpty() ? "default" : database,
        format.isEmpty() ? "TabSeparated" : format,
        settings,
        params,
        queryId == null || queryId.isEmpty() ? UUID.randomUUID().toString() : queryId,
        user,
        "1".equals(url.get("compress")),
        h.getFirst("Accept-Encoding"));
  }

  private static byte[] body(HttpExchange exchange, boolean framed) throws IOException {
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readAllBytes();
    }
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    if (encoding != null && !encoding.isBlank() && bytes.length > 0) {
      bytes = contentDecoded(encoding.strip().toLowerCase(Locale.ROOT), bytes);
    }
    return framed && bytes.length > 0 ? CompressedBlocks.decode(bytes) : bytes;
  }

  private static byte[] contentDecoded(String encoding, byte[] bytes) throws IOException {
    InputStream in =
        switch (encoding) {
          case "gzip" -> new GZIPInputStream(new ByteArrayInputStream(bytes));
          case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(bytes));
          case "lz4" -> new LZ4FrameInputStream(new ByteArrayInputStream(bytes));
          case "identity" -> new ByteArrayInputStream(bytes);
          default ->
              throw new ChDbException(
                  "Code: 48. DB::Exception: Content-Encoding "
                      + encoding
                      + " is not supported by this test endpoint (gzip, deflate, lz4 are)."
                      + " (NOT_IMPLEMENTED)");
        };
    try (in) {
      return in.readAllBytes();
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String or(String first, String second, String otherwise) {
    return first != null ? first : second != null ? second : otherwise;
  }
}
