package dev.loupe.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The streaming {@link ProtobufTraceDecoder} decodes every body exactly as the generated parser
 * followed by the old conversion ({@link ReferenceTraceDecoder}) does: the same span records
 * (fields, values and their order), the same rejections, and a refusal of the same bodies.
 */
class StreamingDecoderEquivalenceTest {
  private final DecoderComparison decoders = new DecoderComparison();

  private DecodeOutcome compare(byte[] body, String what) {
    return decoders.compare(body, what);
  }

  @Test
  void fixtures_andEveryTruncationOfThem() throws IOException {
    byte[] pb = Fixtures.bytes("langfuse-ts-seed.pb");
    byte[] fromGzip;
    try (GZIPInputStream in =
        new GZIPInputStream(new ByteArrayInputStream(Fixtures.bytes("langfuse-ts-seed.pb.gz")))) {
      fromGzip = in.readAllBytes();
    }
    byte[] everyValueType = TestRequests.everyValueType().toByteArray();

    assertThat(compare(pb, "fixture").spans()).hasSize(6);
    assertThat(compare(fromGzip, "gzipped fixture").spans()).hasSize(6);
    assertThat(compare(everyValueType, "every value type").spans()).hasSize(3);
    for (byte[] body : List.of(pb, everyValueType)) {
      for (int n = 0; n < body.length; n++)
        compare(Arrays.copyOf(body, n), "first " + n + " bytes");
    }
    assertThat(decoders.malformed).isGreaterThan(pb.length / 2);
  }

  @Test
  void offsetAndLength_selectThePartOfTheArrayRead() {
    ProtobufTraceDecoder streaming = new ProtobufTraceDecoder();
    byte[] body = TestRequests.everyValueType().toByteArray();
    byte[] padded = new byte[body.length + 7];
    System.arraycopy(body, 0, padded, 3, body.length);
    padded[0] = padded[body.length + 4] = (byte) 0xff; // not a valid tag, outside the slice

    assertThat(DecodeOutcome.of(b -> streaming.decode(b, 3, body.length), padded).exactSpans())
        .isEqualTo(DecodeOutcome.of(streaming::decode, body).exactSpans())
        .hasSize(3);
  }

  @Test
  void randomRequests_asBuiltScrambledTruncatedAndCorrupted() {
    int scrambledMalformed = 0; // deep values past the recursion limit, mostly
    long first = Long.getLong("loupe.decoder.seed", 0); // another range: -Dloupe.decoder.seed=N
    for (long seed = first; seed < first + 400; seed++) {
      RandomRequests random = new RandomRequests(seed);
      ExportTraceServiceRequest request = random.request();
      SplittableRandom r = new SplittableRandom(seed);
      compare(request.toByteArray(), "seed " + seed);
      for (int i = 0; i < 2; i++) {
        byte[] body = new WireScrambler(random, seed * 31 + i).scramble(request);
        if (compare(body, "seed " + seed + " scrambled " + i).isMalformed()) scrambledMalformed++;
        if (body.length == 0) continue;
        int cut = r.nextInt(body.length);
        compare(Arrays.copyOf(body, cut), "seed " + seed + " scrambled " + i + " cut at " + cut);
        byte[] flipped = body.clone();
        int at = r.nextInt(body.length);
        flipped[at] ^= (byte) (1 << r.nextInt(8));
        compare(flipped, "seed " + seed + " scrambled " + i + " bit flipped at " + at);
        for (int e = indexOfE(body, 0); e >= 0; e = indexOfE(body, e + 2)) {
          byte[] invalid = body.clone();
          invalid[e + 1] = '('; // "é" is C3 A9 in UTF-8; C3 28 is not UTF-8
          compare(invalid, "seed " + seed + " scrambled " + i + " no UTF-8 at " + e);
        }
      }
    }
    assertThat(decoders.spans).isGreaterThan(3_000);
    assertThat(scrambledMalformed).isLessThan(200);
    assertThat(decoders.malformed).isGreaterThan(1_000);
    decoders.assertRejected(
        "\": attributes \"",
        "\": event attributes \"",
        "\": resource.attributes \"",
        "\": traceId is missing",
        "\": spanId is all zeros, which is not a valid id",
        "\": parentSpanId must be 8 bytes (16 hex characters), got ");
  }

  private static int indexOfE(byte[] body, int from) {
    for (int i = from; i + 1 < body.length; i++) {
      if (body[i] == (byte) 0xc3 && body[i + 1] == (byte) 0xa9) return i;
    }
    return -1;
  }

  /** The scanner checks no packed repeated field (see WireReader.skip): there is none. */
  @Test
  void noTraceMessageHasAPackedRepeatedField() {
    Deque<Descriptor> todo = new ArrayDeque<>(List.of(ExportTraceServiceRequest.getDescriptor()));
    Set<Descriptor> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      Descriptor type = todo.pop();
      if (!seen.add(type)) continue;
      for (FieldDescriptor f : type.getFields()) {
        assertThat(f.isRepeated() && f.isPackable()).as(f.getFullName()).isFalse();
        if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) todo.push(f.getMessageType());
      }
    }
    assertThat(seen).hasSizeGreaterThan(10);
  }
}
