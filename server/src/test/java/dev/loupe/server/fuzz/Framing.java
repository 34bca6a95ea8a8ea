package dev.loupe.server.fuzz;

import dev.loupe.server.process.RawHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * How a body goes on the wire: its framing headers and how its bytes are written. The first three
 * are well-formed; the rest break HTTP/1.1 framing in the ways clients and proxies do. A
 * Transfer-Encoding other than chunked is left out: the JDK server answers it 501 before Loupe sees
 * the request, as RFC 9112 §6.1 asks.
 */
enum Framing {
  CONTENT_LENGTH(true),
  CHUNKED(true),
  /** Written in small pieces over about a second, within the body timeout. */
  SLOW(true),
  /** Declares more bytes than it sends and keeps the connection open. */
  LENGTH_OVER_HELD(false),
  /** Declares more bytes than it sends, then half-closes. */
  LENGTH_OVER_CLOSED(false),
  /** Declares fewer bytes than it sends: the rest reads as a garbage next request. */
  LENGTH_UNDER(false),
  /** Neither Content-Length nor Transfer-Encoding. */
  NO_LENGTH(false),
  /** Both Content-Length and Transfer-Encoding. */
  BOTH_LENGTHS(false),
  CHUNKED_BAD_SIZE(false),
  /** Chunks without the last, zero-size chunk; the connection stays open. */
  CHUNKED_NO_END_HELD(false),
  /** A chunk with more data than its size says. */
  CHUNKED_DATA_LONGER(false),
  /** A trailer field after the last chunk (valid HTTP/1.1, rarely sent). */
  CHUNKED_TRAILER(false),
  /** Trickles a byte at a time past the body timeout. */
  TRICKLE(false);

  final boolean wellFormed;

  Framing(boolean wellFormed) {
    this.wellFormed = wellFormed;
  }

  Map<String, String> headers(byte[] body) {
    Map<String, String> h = new LinkedHashMap<>();
    switch (this) {
      case CONTENT_LENGTH, SLOW, TRICKLE -> h.put("Content-Length", Integer.toString(body.length));
      case LENGTH_OVER_HELD, LENGTH_OVER_CLOSED ->
          h.put("Content-Length", Integer.toString(body.length + 1 + body.length / 3));
      case LENGTH_UNDER -> h.put("Content-Length", Integer.toString(body.length / 2));
      case NO_LENGTH -> {}
      case BOTH_LENGTHS -> {
        h.put("Content-Length", Integer.toString(body.length));
        h.put("Transfer-Encoding", "chunked");
      }
      default -> h.put("Transfer-Encoding", "chunked");
    }
    return h;
  }

  RawHttp.BodyWriter writer(byte[] body, Random r) {
    long seed = r.nextLong();
    return out -> write(out, body, new Random(seed));
  }

  private void write(OutputStream out, byte[] body, Random r)
      throws IOException, InterruptedException {
    switch (this) {
      case CONTENT_LENGTH, LENGTH_UNDER, NO_LENGTH -> out.write(body);
      case SLOW -> {
        int pieces = 5 + r.nextInt(5);
        int step = Math.max(1, body.length / pieces);
        for (int i = 0; i < body.length; i += step) {
          out.write(body, i, Math.min(step, body.length - i));
          out.flush();
          Thread.sleep(100 + r.nextInt(60));
        }
      }
      case LENGTH_OVER_HELD -> {
        out.write(body);
        out.flush();
        holdOpen();
      }
      case LENGTH_OVER_CLOSED -> {
        out.write(body);
        out.close(); // half-close
      }
      case CHUNKED, BOTH_LENGTHS -> {
        chunks(out, body, r);
        ascii(out, "0\r\n\r\n");
      }
      case CHUNKED_BAD_SIZE -> {
        String size =
            Valid.pick(r, java.util.List.of("zz", "-1", "ffffffffffffff", "1 2", "", "0x10"));
        ascii(out, size + "\r\n");
        out.write(body);
        ascii(out, "\r\n0\r\n\r\n");
      }
      case CHUNKED_NO_END_HELD -> {
        chunks(out, body, r);
        out.flush();
        holdOpen();
      }
      case CHUNKED_DATA_LONGER -> {
        ascii(out, Integer.toHexString(Math.max(1, body.length / 2)) + "\r\n");
        out.write(body);
        ascii(out, "\r\n0\r\n\r\n");
      }
      case CHUNKED_TRAILER -> {
        chunks(out, body, r);
        ascii(out, "0\r\nX-Fuzz-Trailer: 1\r\n\r\n");
      }
      case TRICKLE -> {
        for (byte b : body) {
          out.write(b);
          out.flush();
          Thread.sleep(250);
        }
      }
    }
    out.flush();
  }

  private static void chunks(OutputStream out, byte[] body, Random r) throws IOException {
    int i = 0;
    while (i < body.length) {
      int n = Math.min(body.length - i, 1 + r.nextInt(Math.max(1, body.length / 3 + 1)));
      ascii(out, Integer.toHexString(n) + (r.nextInt(5) == 0 ? ";ext=fuzz" : "") + "\r\n");
      out.write(body, i, n);
      ascii(out, "\r\n");
      i += n;
    }
  }

  private static void ascii(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Until the reader is done with the connection (it interrupts the writer). */
  private static void holdOpen() throws InterruptedException {
    Thread.sleep(120_000);
  }
}
