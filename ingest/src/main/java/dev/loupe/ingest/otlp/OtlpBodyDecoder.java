package dev.loupe.ingest.otlp;

import dev.loupe.ingest.BadPayloadException;
import org.jspecify.annotations.Nullable;

/**
 * An OTLP/HTTP trace export body to spans: picks the decoder by Content-Type and inflates gzip
 * first. Thread-safe.
 */
public final class OtlpBodyDecoder {
  private final ProtobufTraceDecoder protobuf = new ProtobufTraceDecoder();
  private final JsonTraceDecoder json = new JsonTraceDecoder();
  private final int maxInflatedBytes;

  /**
   * @param maxInflatedBytes the largest body a gzip request may inflate to
   */
  public OtlpBodyDecoder(int maxInflatedBytes) {
    if (maxInflatedBytes <= 0) throw new IllegalArgumentException("maxInflatedBytes <= 0");
    this.maxInflatedBytes = maxInflatedBytes;
  }

  /**
   * @param contentEncoding {@code gzip}, or null/empty/{@code identity} for a plain body
   * @throws BadPayloadException {@code UNSUPPORTED_MEDIA_TYPE} for a Content-Type that is neither
   *     protobuf nor JSON; {@code MALFORMED} for an unknown Content-Encoding, bad gzip or an
   *     unreadable body; {@code TOO_LARGE} when gzip inflates beyond the cap
   */
  public DecodedSpans decode(
      byte[] body, @Nullable String contentType, @Nullable String contentEncoding) {
    OtlpEncoding encoding = OtlpEncoding.ofContentType(contentType);
    byte[] bytes = body;
    int length = body.length;
    if (Gzip.isGzip(contentEncoding) && length > 0) {
      Gzip.Inflated inflated = Gzip.inflate(body, maxInflatedBytes);
      bytes = inflated.buffer();
      length = inflated.length();
    }
    return encoding == OtlpEncoding.PROTOBUF
        ? protobuf.decode(bytes, 0, length)
        : json.decode(bytes, 0, length);
  }
}
