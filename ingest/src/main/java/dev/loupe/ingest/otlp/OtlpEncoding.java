package dev.loupe.ingest.otlp;

import dev.loupe.ingest.BadPayloadException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The two OTLP/HTTP body encodings, chosen by the request's Content-Type. */
public enum OtlpEncoding {
  PROTOBUF,
  JSON;

  /**
   * Protobuf when the Content-Type contains {@code application/x-protobuf} or {@code
   * application/protobuf}, JSON when it contains {@code application/json} (parameters such as
   * {@code charset} are ignored).
   *
   * @throws BadPayloadException ({@code UNSUPPORTED_MEDIA_TYPE}) for anything else, or no
   *     Content-Type
   */
  public static OtlpEncoding ofContentType(@Nullable String contentType) {
    if (contentType != null) {
      String type = contentType.toLowerCase(Locale.ROOT);
      if (type.contains("application/x-protobuf") || type.contains("application/protobuf"))
        return PROTOBUF;
      if (type.contains("application/json")) return JSON;
    }
    throw new BadPayloadException(
        BadPayloadException.Reason.UNSUPPORTED_MEDIA_TYPE,
        "Content-Type "
            + (contentType == null ? "is missing" : '"' + contentType + "\" is not supported")
            + ": send application/x-protobuf or application/json");
  }
}
