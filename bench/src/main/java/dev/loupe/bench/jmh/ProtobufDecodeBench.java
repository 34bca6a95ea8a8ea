package dev.loupe.bench.jmh;

import dev.loupe.bench.AgentTraceGenerator;
import dev.loupe.ingest.otlp.DecodedSpans;
import dev.loupe.ingest.otlp.ProtobufTraceDecoder;
import dev.loupe.ingest.otlp.ReferenceTraceDecoder;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding one OTLP/protobuf export request of the ingest bench (by default 512 spans of the agent
 * traces {@link AgentTraceGenerator} writes, 684 KB) into span records: {@code generatedParser},
 * protobuf's generated parser building the whole message tree which is then converted (ingest's
 * decoder until the streaming one; kept in ingest's tests as {@code ReferenceTraceDecoder}),
 * against {@code streaming}, {@link ProtobufTraceDecoder} reading the wire straight into the
 * records. Both give the same records (ingest's {@code StreamingDecoderEquivalenceTest}); setup
 * checks they read the same number of spans.
 *
 * <p>{@code ./loupe bench jmh ProtobufDecodeBench -prof gc} adds the bytes allocated per request
 * ({@code gc.alloc.rate.norm}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class ProtobufDecodeBench {
  @Param("512")
  public int spans;

  private final ReferenceTraceDecoder generated = new ReferenceTraceDecoder();
  private final ProtobufTraceDecoder streaming = new ProtobufTraceDecoder();
  private byte[] body;

  @Setup
  public void setUp() {
    body =
        new AgentTraceGenerator(42).request(spans, 1_767_225_600_000_000_000L, new ArrayList<>());
    int a = generated.decode(body).spans().size();
    int b = streaming.decode(body).spans().size();
    if (a != spans || b != spans) {
      throw new IllegalStateException("decoded " + a + " and " + b + " spans of " + spans);
    }
    System.out.printf("%n[ProtobufDecodeBench] %d spans, %,d bytes%n", spans, body.length);
  }

  @Benchmark
  public DecodedSpans generatedParser() {
    return generated.decode(body);
  }

  @Benchmark
  public DecodedSpans streaming() {
    return streaming.decode(body);
  }
}
