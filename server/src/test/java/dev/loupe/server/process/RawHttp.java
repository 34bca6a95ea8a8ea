package dev.loupe.server.process;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client sends: any header, any framing,
 * a body written slowly or never finished. One request per connection; the answer is read with a
 * deadline, so a server that neither answers nor closes shows as {@link Kind#HUNG}.
 *
 * <pre>{@code
 * Outcome o = RawHttp.exchange(port, head, out -> out.write(body), Duration.ofSeconds(10));
 * }</pre>
 */
public final class RawHttp {
  private RawHttp() {}

  /**
   * Writes what follows the request line and headers; may sleep, stop early or never finish.
   * Closing {@code out} half-closes the connection (no more request bytes; the answer can still
   * arrive).
   */
  @FunctionalInterface
  public interface BodyWriter {
    void write(OutputStream out) throws IOException, InterruptedException;
  }

  public enum Kind {
    /** A complete status line, headers and body arrived. */
    ANSWERED,
    /** The server closed (or reset) the connection without a complete answer. */
    CLOSED,
    /** Neither an answer nor a close before the deadline. */
    HUNG
  }

  /**
   * What came back.
   *
   * @param status the status code when answered, else -1
   * @param headers lower-cased names
   * @param millis from connecting until the answer, the close or the deadline
   */
  public record Outcome(
      Kind kind, int status, Map<String, String> headers, byte[] body, long millis, String note) {
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return kind == Kind.ANSWERED
          ? status + " in " + millis + " ms: " + abbreviate(bodyText())
          : kind + " after " + millis + " ms" + (note.isEmpty() ? "" : " (" + note + ")");
    }
  }

  /** The request line and headers, CRLF-terminated, ready to write. */
  public static byte[] head(String method, String path, Map<String, String> headers) {
    StringBuilder b = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    b.append("Host: 127.0.0.1\r\n");
    headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
    return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Sends {@code head}, then lets {@code body} write while the answer is awaited. */
  public static Outcome exchange(int port, byte[] head, BodyWriter body, Duration deadline)
      throws IOException {
    long start = System.nanoTime();
    long end = start + deadline.toNanos();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setTcpNoDelay(true);
      OutputStream out =
          new FilterOutputStream(socket.getOutputStream()) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
              flush();
              socket.shutdownOutput();
            }
          };
      Thread writer =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      out.write(head);
                      body.write(out);
                      out.flush();
                    } catch (IOException | InterruptedException e) {
                      // the server answered early or closed: the reader reports what happened
                    }
                  });
      try {
        return read(socket, start, end);
      } finally {
        writer.interrupt();
      }
    }
  }

  private static Outcome read(Socket socket, long start, long end) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (true) {
      long left = end - System.nanoTime();
      if (left <= 0) return new Outcome(Kind.HUNG, -1, Map.of(), got.toByteArray(), ms(start), "");
      socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
      int n;
      try {
        n = in.read(buf);
      } catch (SocketTimeoutException e) {
        continue;
      } catch (IOException e) {
        return new Outcome(Kind.CLOSED, -1, Map.of(), got.toByteArray(), ms(start), e.getMessage());
      }
      if (n < 0) {
        Outcome o = parse(got.toByteArray(), true, start);
        return o != null
            ? o
            : new Outcome(Kind.CLOSED, -1, Map.of(), got.toByteArray(), ms(start), "");
      }
      got.write(buf, 0, n);
      Outcome o = parse(got.toByteArray(), false, start);
      if (o != null) return o;
    }
  }

  /** The answer when {@code bytes} hold a complete one, else null. */
  private static Outcome parse(byte[] bytes, boolean closed, long start) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int headEnd = text.indexOf("\r\n\r\n");
    if (headEnd < 0) return null;
    String[] lines = text.substring(0, headEnd).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
      return new Outcome(Kind.CLOSED, -1, Map.of(), bytes, ms(start), "not HTTP: " + lines[0]);
    }
    int status = Integer.parseInt(statusLine[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0)
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
    }
    int bodyStart = headEnd + 4;
    byte[] rest = java.util.Arrays.copyOfRange(bytes, bodyStart, bytes.length);
    String length = headers.get("content-length");
    if (length != null) {
      int n = Integer.parseInt(length);
      if (rest.length < n) return null;
      return new Outcome(
          Kind.ANSWERED, status, headers, java.util.Arrays.copyOf(rest, n), ms(start), "");
    }
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      byte[] body = dechunk(rest);
      return body == null ? null : new Outcome(Kind.ANSWERED, status, headers, body, ms(start), "");
    }
    return closed ? new Outcome(Kind.ANSWERED, status, headers, rest, ms(start), "") : null;
  }

  private static byte[] dechunk(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (true) {
      int lineEnd = indexOfCrlf(data, i);
      if (lineEnd < 0) return null;
      String size = new String(data, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0];
      int n = Integer.parseInt(size.trim(), 16);
      i = lineEnd + 2;
      if (n == 0) return out.toByteArray();
      if (data.length < i + n + 2) return null;
      out.write(data, i, n);
      i += n + 2;
    }
  }

  private static int indexOfCrlf(byte[] data, int from) {
    for (int i = from; i + 1 < data.length; i++)
      if (data[i] == '\r' && data[i + 1] == '\n') return i;
    return -1;
  }

  private static long ms(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }
}
