package dev.loupe.server.http;

import dev.loupe.ingest.BadPayloadException;
import dev.loupe.ingest.BadPayloadException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/** Undoing a request's Content-Encoding, for routes whose decoder takes plain bytes. */
final class Bodies {
  private Bodies() {}

  /**
   * The body without its gzip encoding (identity passes through); the decoded size is limited too.
   */
  static byte[] decoded(byte[] raw, @Nullable String contentEncoding, long maxBytes) {
    String encoding =
        contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
    return switch (encoding) {
      case "", "identity" -> raw;
      case "gzip" -> gunzip(raw, maxBytes);
      default ->
          throw new BadPayloadException(
              Reason.UNSUPPORTED_MEDIA_TYPE,
              "Content-Encoding must be gzip or identity, got " + contentEncoding);
    };
  }

  private static byte[] gunzip(byte[] raw, long maxBytes) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
      byte[] out = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (out.length > maxBytes) {
        throw new BadPayloadException(
            Reason.TOO_LARGE, "decompressed body exceeds " + maxBytes + " bytes");
      }
      return out;
    } catch (IOException e) {
      throw new BadPayloadException(
          Reason.MALFORMED, "body is not valid gzip: " + e.getMessage(), e);
    }
  }
}
