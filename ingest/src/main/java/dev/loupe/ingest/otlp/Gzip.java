package dev.loupe.ingest.otlp;

import dev.loupe.ingest.BadPayloadException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/** Inflates gzip bodies with a cap on the inflated size, so a small bomb cannot exhaust memory. */
final class Gzip {
  private static final int MIN_BUFFER = 8 * 1024;
  /** JSON spans compress about 7:1; start near the expected size and double from there. */
  private static final int EXPECTED_RATIO = 8;

  private Gzip() {}

  /** The inflated bytes; only {@code [0, length)} of {@code buffer} is the body. */
  record Inflated(byte[] buffer, int length) {}

  static Inflated inflate(byte[] gzip, int maxInflatedBytes) {
    int initial = (int) Math.min(maxInflatedBytes, Math.max(MIN_BUFFER, (long) gzip.length * EXPECTED_RATIO));
    byte[] buffer = new byte[initial];
    int length = 0;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip), MIN_BUFFER)) {
      while (true) {
        if (length == buffer.length) {
          if (length >= maxInflatedBytes) {
            if (in.read() < 0) break;
            throw new BadPayloadException(BadPayloadException.Reason.TOO_LARGE,
                "gzip body inflates to more than " + maxInflatedBytes + " bytes");
          }
          buffer = Arrays.copyOf(buffer, (int) Math.min(maxInflatedBytes, 2L * length));
        }
        int n = in.read(buffer, length, buffer.length - length);
        if (n < 0) break;
        length += n;
      }
    } catch (IOException e) {
      throw new BadPayloadException(BadPayloadException.Reason.MALFORMED,
          "body is not valid gzip (Content-Encoding: gzip): " + e.getMessage(), e);
    }
    return new Inflated(buffer, length);
  }
}
