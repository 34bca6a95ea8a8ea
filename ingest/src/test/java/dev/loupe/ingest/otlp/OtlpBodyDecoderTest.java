package dev.loupe.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.ingest.BadPayloadException;
import dev.loupe.ingest.BadPayloadException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OtlpBodyDecoderTest {
  private static final int CAP = 1 << 20;
  private final OtlpBodyDecoder decoder = new OtlpBodyDecoder(CAP);
  private final byte[] protobuf = TestRequests.everyValueType().toByteArray();
  private final byte[] json =
      OtlpJsonWriter.write(TestRequests.everyValueType(), OtlpJsonWriter.Style.LANGFUSE_JS);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/x-protobuf",
        "application/protobuf",
        "Application/X-Protobuf; proto=x"
      })
  void contentType_protobufVariantsSelectProtobuf(String contentType) {
    assertThat(decoder.decode(protobuf, contentType, null).spans()).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"application/json", "application/json; charset=utf-8", "APPLICATION/JSON"})
  void contentType_jsonVariantsSelectJson(String contentType) {
    assertThat(decoder.decode(json, contentType, null).spans()).hasSize(3);
  }

  @Test
  void contentType_otherOrMissingIsUnsupported() {
    assertFails(
        () -> decoder.decode(json, "text/plain", null),
        Reason.UNSUPPORTED_MEDIA_TYPE,
        "\"text/plain\"");
    assertFails(
        () -> decoder.decode(json, null, null),
        Reason.UNSUPPORTED_MEDIA_TYPE,
        "Content-Type is missing");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "GZIP", " gzip ", "x-gzip"})
  void gzip_isInflatedBeforeDecoding(String encoding) {
    DecodedSpans inflated = decoder.decode(gzip(protobuf), "application/x-protobuf", encoding);

    assertThat(ComparableSpans.of(inflated.spans()))
        .isEqualTo(
            ComparableSpans.of(decoder.decode(protobuf, "application/x-protobuf", null).spans()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "identity"})
  void identityEncoding_isThePlainBody(String encoding) {
    assertThat(decoder.decode(json, "application/json", encoding).spans()).hasSize(3);
  }

  @Test
  void emptyBody_givesNoSpansWhateverTheEncoding() {
    assertThat(decoder.decode(new byte[0], "application/x-protobuf", "gzip").spans()).isEmpty();
    assertThat(decoder.decode(new byte[0], "application/json", null).spans()).isEmpty();
  }

  @Test
  void gzip_multiMemberBodyIsInflatedWhole() {
    int half = json.length / 2;
    byte[] first = gzip(Arrays.copyOf(json, half));
    byte[] second = gzip(Arrays.copyOfRange(json, half, json.length));
    byte[] body = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, body, first.length, second.length);

    assertThat(decoder.decode(body, "application/json", "gzip").spans()).hasSize(3);
  }

  @Test
  void gzip_inflatingToExactlyTheCapIsAccepted() {
    byte[] body = paddedJson(CAP);

    assertThat(decoder.decode(gzip(body), "application/json", "gzip").spans()).isEmpty();
  }

  @Test
  void gzip_inflatingBeyondTheCapIsTooLarge() {
    assertFails(
        () -> decoder.decode(gzip(paddedJson(CAP + 1)), "application/json", "gzip"),
        Reason.TOO_LARGE,
        "more than 1048576 bytes");
    assertFails(
        () -> decoder.decode(gzip(new byte[64 * CAP]), "application/x-protobuf", "gzip"),
        Reason.TOO_LARGE,
        "inflates to more than");
  }

  @Test
  void gzip_corruptOrTruncatedIsMalformed() {
    byte[] gzip = gzip(protobuf);
    assertFails(
        () -> decoder.decode(json, "application/json", "gzip"), Reason.MALFORMED, "not valid gzip");
    assertFails(
        () ->
            decoder.decode(Arrays.copyOf(gzip, gzip.length / 2), "application/x-protobuf", "gzip"),
        Reason.MALFORMED,
        "not valid gzip");
  }

  @ParameterizedTest
  @ValueSource(strings = {"br", "deflate", "zstd", "gzip, br"})
  void unknownContentEncoding_isMalformed(String encoding) {
    assertFails(
        () -> decoder.decode(protobuf, "application/x-protobuf", encoding),
        Reason.MALFORMED,
        "Content-Encoding \"" + encoding + "\" is not supported");
  }

  @Test
  void truncatedProtobuf_isMalformed() {
    byte[] seed = Fixtures.bytes("langfuse-ts-seed.pb");

    assertFails(
        () -> decoder.decode(Arrays.copyOf(seed, seed.length / 2), "application/x-protobuf", null),
        Reason.MALFORMED,
        "not an ExportTraceServiceRequest");
    assertFails(
        () -> decoder.decode(json, "application/x-protobuf", null),
        Reason.MALFORMED,
        "not an ExportTraceServiceRequest");
  }

  @Test
  void truncatedJson_isMalformed() {
    assertFails(
        () -> decoder.decode(Arrays.copyOf(json, json.length - 3), "application/json", null),
        Reason.MALFORMED,
        "not valid JSON");
  }

  static void assertFails(Runnable call, Reason reason, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            BadPayloadException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining(message);
  }

  /** {@code {}} followed by spaces up to {@code size} bytes. */
  static byte[] paddedJson(int size) {
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) ' ');
    body[0] = '{';
    body[1] = '}';
    return body;
  }

  static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
