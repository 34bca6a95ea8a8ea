package dev.loupe.ingest.otlp;

import dev.loupe.ingest.BadPayloadException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * {@code Content-Encoding} handling for every ingest body (OTLP and the Langfuse batch API): gzip
 * is inflated with a cap on the inflated size, so a small bomb cannot exhaust memory.
 */
public final class Gzip {
  private static final int MIN_BUFFER = 8 * 1024;

  /** Deflate cannot expand more than about 1032:1, so a trailer announcing more is a lie. */
  private static final int MAX_RATIO = 1032;

  private Gzip() {}

  /** The inflated bytes; only {@code [0, length)} of {@code buffer} is the body. */
  record Inflated(byte[] buffer, int length) {}

  /**
   * The body with its {@code Content-Encoding} removed: gzip (or x-gzip) inflated up to {@code
   * maxInflatedBytes}, identity/empty/null as is.
   *
   * @throws BadPayloadException MALFORMED for an unknown encoding or bad gzip, TOO_LARGE beyond the
   *     cap
   */
  public static byte[] decode(byte[] body, @Nullable String contentEncoding, int maxInflatedBytes) {
    if (!isGzip(contentEncoding) || body.length == 0) return body;
    Inflated inflated = inflate(body, maxInflatedBytes);
    return inflated.length() == inflated.buffer().length
        ? inflated.buffer()
        : Arrays.copyOf(inflated.buffer(), inflated.length());
  }

  /** True for gzip/x-gzip, false for none/identity; MALFORMED for anything else. */
  static boolean isGzip(@Nullable String contentEncoding) {
    if (contentEncoding == null) return false;
    String value = contentEncoding.trim().toLowerCase(Locale.ROOT);
    if (value.isEmpty() || value.equals("identity")) return false;
    if (value.equals("gzip") || value.equals("x-gzip")) return true;
    throw new BadPayloadException(
        BadPayloadException.Reason.MALFORMED,
        "Content-Encoding \""
            + contentEncoding
            + "\" is not supported: send gzip or an uncompressed body");
  }

  static Inflated inflate(byte[] gzip, int maxInflatedBytes) {
    byte[] buffer = new byte[initialSize(gzip, maxInflatedBytes)];
    int length = 0;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip), MIN_BUFFER)) {
      while (true) {
        int n = in.read(buffer, length, buffer.length - length);
        if (n < 0) break;
        length += n;
        if (length == buffer.length) {
          int next = in.read();
          if (next < 0) break;
          if (length >= maxInflatedBytes) {
            throw new BadPayloadException(
                BadPayloadException.Reason.TOO_LARGE,
                "gzip body inflates to more than " + maxInflatedBytes + " bytes");
          }
          buffer = Arrays.copyOf(buffer, (int) Math.min(maxInflatedBytes, 2L * length));
          buffer[length++] = (byte) next;
        }
      }
    } catch (IOException e) {
      throw new BadPayloadException(
          BadPayloadException.Reason.MALFORMED,
          "body is not valid gzip (Content-Encoding: gzip): " + e.getMessage(),
          e);
    }
    return new Inflated(buffer, length);
  }

  /**
   * The size the gzip trailer announces (ISIZE, exact for a single member under 4 GiB) when it is
   * plausible and within the cap; else a guess. Only a hint: the loop grows the buffer or stops at
   * the cap whatever it says.
   */
  private static int initialSize(byte[] gzip, int maxInflatedBytes) {
    int n = gzip.length;
    if (n >= 18) {
      long announced =
          (gzip[n - 4] & 0xffL)
              | (gzip[n - 3] & 0xffL) << 8
              | (gzip[n - 2] & 0xffL) << 16
              | (gzip[n - 1] & 0xffL) << 24;
      if (announced > 0 && announced <= maxInflatedBytes && announced <= (long) MAX_RATIO * n) {
        return (int) announced;
      }
    }
    return (int) Math.min(maxInflatedBytes, Math.max(MIN_BUFFER, 4L * n));
  }
}
