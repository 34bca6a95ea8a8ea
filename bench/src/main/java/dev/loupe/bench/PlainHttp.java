package dev.loupe.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.1 keep-alive connection for a load client's exports: the request line, headers and
 * body go out in one write, the answer is read by its {@code Content-Length} (or chunks). The JDK's
 * {@code HttpClient} took ~2 us of the bench's CPU per span sent (its selector and worker threads),
 * CPU the server under test shares. Not thread-safe: one per client.
 */
final class PlainHttp implements AutoCloseable {
  /** A response: its status, headers (names in lower case) and body. */
  record Response(int status, Map<String, String> headers, byte[] body) {}

  private final String host;
  private final int port;
  private final String hostHeader;
  private @Nullable Socket socket;
  private @Nullable InputStream in;
  private @Nullable OutputStream out;

  PlainHttp(String baseUrl) {
    URI uri = URI.create(baseUrl);
    if (!"http".equals(uri.getScheme())) throw new IllegalArgumentException("http only: " + uri);
    this.host = uri.getHost();
    this.port = uri.getPort() < 0 ? 80 : uri.getPort();
    this.hostHeader = host + ":" + port;
  }

  /** POSTs {@code body}; a connection the server closed meanwhile is opened again once. */
  Response post(String path, Map<String, String> headers, byte[] body) throws IOException {
    byte[] head = head(path, headers, body.length);
    boolean fresh = socket == null;
    try {
      return exchange(head, body);
    } catch (IOException e) {
      close();
      if (fresh) throw e;
      return exchange(head, body); // the kept-alive connection had gone stale
    }
  }

  private Response exchange(byte[] head, byte[] body) throws IOException {
    if (socket == null) connect();
    out.write(head);
    out.write(body);
    out.flush();
    Response r = read();
    if ("close".equalsIgnoreCase(r.headers().get("connection"))) close();
    return r;
  }

  private byte[] head(String path, Map<String, String> headers, int length) {
    StringBuilder b = new StringBuilder(256);
    b.append("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(hostHeader);
    b.append("\r\nContent-Length: ").append(length).append("\r\n");
    headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
    return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private void connect() throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.setSoTimeout(60_000);
    s.connect(new InetSocketAddress(host, port), 5_000);
    socket = s;
    in = new BufferedInputStream(s.getInputStream(), 16 << 10);
    out = s.getOutputStream();
  }

  private Response read() throws IOException {
    String status = line();
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/"))
      throw new IOException("not an HTTP status line: " + status);
    int code = Integer.parseInt(parts[1]);
    Map<String, String> headers = new HashMap<>();
    for (String h; !(h = line()).isEmpty(); ) {
      int colon = h.indexOf(':');
      if (colon > 0)
        headers.put(
            h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
    }
    byte[] body;
    String length = headers.get("content-length");
    if (length != null) body = exactly(Integer.parseInt(length));
    else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) body = chunks();
    else {
      body = in.readAllBytes(); // no length: the body ends with the connection
      headers.put("connection", "close");
    }
    return new Response(code, headers, body);
  }

  private byte[] chunks() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line();
      int semi = size.indexOf(';');
      int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
      if (n == 0) {
        while (!line().isEmpty()) {} // trailers
        return body.toByteArray();
      }
      body.write(exactly(n));
      line();
    }
  }

  private byte[] exactly(int n) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length < n) throw new EOFException("the server closed the connection mid-body");
    return b;
  }

  /** One header line without its CRLF. */
  private String line() throws IOException {
    StringBuilder b = new StringBuilder(64);
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) throw new EOFException("the server closed the connection");
      if (c != '\r') b.append((char) c);
    }
    return b.toString();
  }

  @Override
  public void close() {
    Socket s = socket;
    socket = null;
    in = null;
    out = null;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing a broken connection
      }
    }
  }
}
