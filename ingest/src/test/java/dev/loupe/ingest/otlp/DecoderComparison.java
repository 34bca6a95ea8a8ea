package dev.loupe.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes bodies with the streaming {@link ProtobufTraceDecoder} and with {@link
 * ReferenceTraceDecoder} (the generated parser and the old conversion), asserts the outcomes are
 * the same, and tallies them, so that a test can check its bodies cover the cases it means to.
 */
final class DecoderComparison {
  private final ProtobufTraceDecoder streaming = new ProtobufTraceDecoder();
  private final ReferenceTraceDecoder reference = new ReferenceTraceDecoder();

  /** Spans accepted over all the bodies compared. */
  int spans;

  /** Bodies refused. */
  int malformed;

  /** The reasons of all the rejections. */
  final List<String> rejections = new ArrayList<>();

  /** The outcome of {@code body}, the same for both decoders ({@code what} names it if not). */
  DecodeOutcome compare(byte[] body, String what) {
    DecodeOutcome expected = DecodeOutcome.of(reference::decode, body);
    DecodeOutcome actual = DecodeOutcome.of(streaming::decode, body);
    actual.assertSameAs(expected, what);
    spans += actual.spans().size();
    if (actual.isMalformed()) malformed++;
    actual.rejected().forEach(r -> rejections.add(r.reason()));
    return actual;
  }

  /** Some rejection of the bodies compared contains each of {@code fragments}. */
  void assertRejected(String... fragments) {
    for (String fragment : fragments) {
      assertThat(rejections).as(fragment).anyMatch(reason -> reason.contains(fragment));
    }
  }
}
