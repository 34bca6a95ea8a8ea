package dev.loupe.ingest.otlp;

import static dev.loupe.ingest.otlp.TestRequests.kv;
import static dev.loupe.ingest.otlp.TestRequests.span;
import static dev.loupe.ingest.otlp.TestRequests.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.ingest.BadPayloadException;
import dev.loupe.semconv.GenAiAttributes;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The decoder's {@link StringTable}: known attribute keys decode to the semantic-convention
 * constants, a request's repeated short strings to one instance, and what the table skips is still
 * what protobuf would have read (its UTF-8 checked, a truncation refused).
 */
class StringSharingTest {
  private final ProtobufTraceDecoder decoder = new ProtobufTraceDecoder();

  @Test
  void knownKeys_areTheConstantsThemselves() {
    byte[] body = chat();

    String key = onlyKey(decoder.decode(body).spans().getFirst().attributes());

    assertThat(key).isSameAs(GenAiAttributes.REQUEST_MODEL);
  }

  @Test
  void repeatedShortStrings_areOneInstancePerRequest_longOnesAreNot() {
    String longText = "x".repeat(StringTable.MAX_BYTES + 1);
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      spans.add(
          span(TestRequests.TRACE_ID, "00000000000000a" + i, "", "step")
              .addAttributes(kv("app.user", string("user-" + "7")))
              .addAttributes(kv("app.note", string(longText)))
              .build());
    }
    List<SpanRecord> decoded =
        decoder.decode(TestRequests.request(spans.toArray(Span[]::new)).toByteArray()).spans();

    assertThat(decoded).hasSize(3);
    for (SpanRecord s : decoded) {
      assertThat(s.attributes()).isEqualTo(Map.of("app.user", "user-7", "app.note", longText));
      assertThat(s.name()).isSameAs(decoded.getFirst().name());
      assertThat(s.attributes().get("app.user"))
          .isSameAs(decoded.getFirst().attributes().get("app.user"));
    }
    assertThat(decoded.get(1).attributes().get("app.note"))
        .isNotSameAs(decoded.getFirst().attributes().get("app.note"));
  }

  /** A known key with one byte changed to invalid UTF-8 misses the table and is refused. */
  @Test
  void aKnownKeyBrokenIntoInvalidUtf8_isRefused() {
    byte[] body = chat();
    byte[] key = GenAiAttributes.REQUEST_MODEL.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int at = indexOf(body, key);
    body[at + 3] = (byte) 0xC3; // a lead byte followed by ASCII: not UTF-8

    assertThatThrownBy(() -> decoder.decode(body))
        .isInstanceOf(BadPayloadException.class)
        .hasMessageContaining("UTF-8");
  }

  /** More distinct short strings than the table learns: all decoded, equal to what was sent. */
  @Test
  void moreDistinctStringsThanTheTableLearns_allDecode() {
    Span.Builder s = span(TestRequests.TRACE_ID, TestRequests.ROOT_ID, "", "many");
    for (int i = 0; i < StringTable.MAX_LEARNED * 3; i++)
      s.addAttributes(kv("k" + i, string("v" + i)));
    Map<String, Object> attributes =
        decoder
            .decode(TestRequests.request(s.build()).toByteArray())
            .spans()
            .getFirst()
            .attributes();

    assertThat(attributes).hasSize(StringTable.MAX_LEARNED * 3);
    for (int i = 0; i < StringTable.MAX_LEARNED * 3; i++)
      assertThat(attributes).containsEntry("k" + i, "v" + i);
  }

  /** A request of one span with one known attribute, {@code gen_ai.request.model}. */
  private static byte[] chat() {
    return TestRequests.request(
            span(TestRequests.TRACE_ID, TestRequests.ROOT_ID, "", "chat")
                .addAttributes(kv(GenAiAttributes.REQUEST_MODEL, string("gpt-4o")))
                .build())
        .toByteArray();
  }

  private static String onlyKey(Map<String, Object> attributes) {
    assertThat(attributes).hasSize(1);
    return attributes.keySet().iterator().next();
  }

  private static int indexOf(byte[] body, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= body.length; i++) {
      for (int j = 0; j < part.length; j++) if (body[i + j] != part[j]) continue outer;
      return i;
    }
    throw new AssertionError("not found");
  }
}
