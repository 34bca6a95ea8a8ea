package dev.loupe.testing.clickhouse;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;

/**
 * The ClickHouse HTTP interface over the engine: {@code GET /ping} and {@code GET /} answer "Ok.",
 * a query on {@code /} runs on a pooled connection. The answer carries the headers a server sends
 * (query id, format, time zone, summary) and is framed in compressed blocks on {@code compress=1},
 * or content-encoded when {@code enable_http_compression=1} and the client accepts gzip, deflate or
 * lz4. An error answers as a server does: an HTTP status for its code, the code in {@code
 * X-ClickHouse-Exception-Code}, and "Code: N. DB::Exception: ..." as the body.
 */
final class HttpEndpoint implements HttpHandler {
  /** LOUPE_CLICKHOUSE_TRACE=1 prints each request's line and headers to stderr (debugging). */
  private static final boolean TRACE = "1".equals(System.getenv("LOUPE_CLICKHOUSE_TRACE"));

  private final ConnectionPool pool;
  private final String version;
  private final String timezone;

  HttpEndpoint(ConnectionPool pool, String version, String timezone) {
    this.pool = pool;
    this.version = version;
    this.timezone = timezone;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      boolean get = "GET".equals(exchange.getRequestMethod());
      if (path.equals("/ping")
          || (path.equals("/") && get && exchange.getRequestURI().getRawQuery() == null)) {
        send(exchange, 200, "text/plain; charset=UTF-8", "Ok.\n".getBytes(StandardCharsets.UTF_8));
      } else if (!path.equals("/")) {
        byte[] body = ("There is no handle " + path + "\n").getBytes(StandardCharsets.UTF_8);
        send(exchange, 404, "text/plain; charset=UTF-8", body);
      } else {
        query(exchange, start);
      }
    } finally {
      if (TRACE) {
        System.err.printf(
            "CHTRACE %s %s %s %.1f ms%n",
            exchange.getRequestMethod(),
            exchange.getRequestURI(),
            exchange.getRequestHeaders().entrySet(),
            (System.nanoTime() - start) / 1e6);
      }
    }
  }

  private void query(HttpExchange exchange, long start) throws IOException {
    HttpQuery query = null;
    try {
      query = HttpQuery.read(exchange);
      if (TRACE) {
        System.err.printf("CHTRACE request read in %.1f ms%n", (System.nanoTime() - start) / 1e6);
      }
      answer(exchange, query, run(query));
    } catch (ChDbException e) {
      fail(exchange, query, e.code(), e.getMessage());
    } catch (RuntimeException e) {
      String message = "Code: 1002. DB::Exception: " + e + ". (UNKNOWN_EXCEPTION)";
      fail(exchange, query, ChDbException.UNKNOWN, message);
    }
  }

  private Outcome run(HttpQuery q) {
    byte[] statement = q.statement();
    ConnectionPool.Pooled conn = pool.borrow(q.settings(), q.database());
    boolean discard = false;
    try {
      Sql.Insert insert = Sql.insert(statement);
      if (insert != null) {
        InputStream data =
            new ByteArrayInputStream(
                statement, insert.dataOffset(), statement.length - insert.dataOffset());
        return new Outcome(conn.db.insert(insert.sql(), insert.format(), data), q.format());
      }
      String sql = new String(statement, StandardCharsets.UTF_8);
      if (sql.isBlank()) {
        throw new ChDbException("Code: 62. DB::Exception: Empty query. (SYNTAX_ERROR)");
      }
      discard = Sql.changesSession(sql);
      return new Outcome(
          conn.db.query(sql, q.format(), q.params()), Sql.outputFormat(sql, q.format()));
    } finally {
      pool.release(conn, discard);
    }
  }

  private void answer(HttpExchange exchange, HttpQuery q, Outcome out) throws IOException {
    ChDbResult r = out.result();
    Headers h = common(exchange, q);
    h.set("X-ClickHouse-Format", out.format());
    h.set(
        "X-ClickHouse-Summary",
        String.format(
            Locale.ROOT,
            "{\"read_rows\":\"%d\",\"read_bytes\":\"%d\",\"written_rows\":\"%d\",\"written_bytes\":\"%d\","
                + "\"total_rows_to_read\":\"%d\",\"result_rows\":\"%d\",\"result_bytes\":\"%d\",\"elapsed_ns\":\"%d\"}",
            r.readRows(),
            r.readBytes(),
            r.writtenRows(),
            r.writtenBytes(),
            r.readRows(),
            r.writtenRows() > 0 ? r.writtenRows() : r.resultRows(),
            r.writtenRows() > 0 ? r.writtenBytes() : r.resultBytes(),
            (long) (r.elapsedSeconds() * 1e9)));
    send(exchange, 200, ContentTypes.of(out.format()), encode(exchange, q, r.data()));
  }

  private void fail(HttpExchange exchange, HttpQuery q, int code, String message)
      throws IOException {
    Headers h = common(exchange, q);
    h.set("X-ClickHouse-Exception-Code", Integer.toString(code));
    byte[] body = (message + " (version " + version + ")\n").getBytes(StandardCharsets.UTF_8);
    send(
        exchange,
        ContentTypes.httpStatus(code),
        "text/plain; charset=UTF-8",
        q == null ? body : encode(exchange, q, body));
  }

  private Headers common(HttpExchange exchange, HttpQuery q) {
    Headers h = exchange.getResponseHeaders();
    if (q != null) {
      h.set("X-ClickHouse-Query-Id", q.queryId());
    }
    h.set("X-ClickHouse-Server-Display-Name", "loupe-local-clickhouse");
    h.set("X-ClickHouse-Timezone", timezone);
    h.set("Keep-Alive", "timeout=10");
    return h;
  }

  /** Compressed blocks on compress=1, else the content encoding the client accepts when asked. */
  private static byte[] encode(HttpExchange exchange, HttpQuery q, byte[] data) throws IOException {
    if (q.compress()) {
      return CompressedBlocks.encode(data);
    }
    String accept = q.acceptEncoding();
    if (!"1".equals(q.settings().get("enable_http_compression")) || accept == null) {
      return data;
    }
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    String encoding = null;
    for (String e : accept.toLowerCase(Locale.ROOT).split("\\s*,\\s*")) {
      encoding = e.replaceAll(";.*", "").strip();
      if (encoding.equals("gzip") || encoding.equals("deflate") || encoding.equals("lz4")) {
        break;
      }
      encoding = null;
    }
    if (encoding == null) {
      return data;
    }
    try (OutputStream out =
        switch (encoding) {
          case "gzip" -> new GZIPOutputStream(buffer);
          case "deflate" -> new DeflaterOutputStream(buffer);
          default -> new LZ4FrameOutputStream(buffer);
        }) {
      out.write(data);
    }
    exchange.getResponseHeaders().set("Content-Encoding", encoding);
    return buffer.toByteArray();
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private record Outcome(ChDbResult result, String format) {}
}
