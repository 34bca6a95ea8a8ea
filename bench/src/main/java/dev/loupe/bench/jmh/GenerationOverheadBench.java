package dev.loupe.bench.jmh;

import dev.loupe.sdk.Loupe;
import dev.loupe.sdk.ObservationType;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Caller-thread cost of recording one generation with the SDK: the same user work ({@link
 * UserWork}) without the SDK ({@code baseline}), inside {@code startActiveObservation} on a
 * recording Loupe ({@code sdkRecording}), and on an unconfigured, no-op Loupe ({@code sdkNoop}).
 *
 * <p>The recording Loupe is the SDK's standalone pipeline (tracer provider, batch span processor)
 * with a {@link DroppingExporter} in place of OTLP/HTTP: export runs on the batch processor's
 * thread, so what is timed is what the caller pays (span start, attributes, JSON of the input and
 * usage, end, hand-off to the queue). Teardown prints how many spans reached the exporter, so a run
 * whose queue overflowed (spans dropped, cheaper for the caller) shows.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 3)
public class GenerationOverheadBench {

  /** Conversation turn counter, so each operation's input differs. */
  @State(Scope.Thread)
  public static class Turn {
    int n;
  }

  /** A standalone, recording Loupe whose batch processor exports to a {@link DroppingExporter}. */
  @State(Scope.Thread)
  public static class Recording {
    /**
     * The batch processor warns on every export that drops spans; teardown reports the total. Held
     * here so the level is not lost when the logger is collected.
     */
    static final Logger BATCH_LOG = Logger.getLogger(BatchSpanProcessor.class.getName());

    final DroppingExporter exporter = new DroppingExporter();
    Loupe loupe;
    long generations;

    @Setup(Level.Trial)
    public void start() {
      BATCH_LOG.setLevel(java.util.logging.Level.SEVERE);
      loupe =
          Loupe.builder()
              .spanExporter(exporter)
              .environment("bench")
              .exportDelay(Duration.ofMillis(200))
              .shutdownHook(false)
              .build();
      if (!loupe.isEnabled()) throw new IllegalStateException("recording Loupe is a no-op");
    }

    @TearDown(Level.Trial)
    public void stop() {
      loupe.close();
      long dropped = generations - exporter.exported();
      System.out.printf(
          "%n[sdkRecording] generations: %,d, exported: %,d, dropped at the full queue: %,d (%.1f %%)%n",
          generations, exporter.exported(), dropped, 100.0 * dropped / Math.max(1, generations));
    }
  }

  /** What an application gets when no keys are configured. */
  @State(Scope.Thread)
  public static class Unconfigured {
    Loupe loupe;

    @Setup(Level.Trial)
    public void start() {
      loupe = Loupe.builder().env(Map.of()).build();
      if (loupe.isEnabled()) throw new IllegalStateException("unconfigured Loupe records");
    }
  }

  @Benchmark
  public String baseline(Turn turn, Blackhole bh) {
    List<Map<String, String>> messages = UserWork.messages(turn.n++);
    String reply = UserWork.reply(messages);
    bh.consume(messages);
    bh.consume(UserWork.MODEL);
    bh.consume(UserWork.usage(reply));
    return reply;
  }

  @Benchmark
  public String sdkRecording(Recording rec, Turn turn) {
    rec.generations++;
    return generation(rec.loupe, turn);
  }

  @Benchmark
  public String sdkNoop(Unconfigured unconfigured, Turn turn) {
    return generation(unconfigured.loupe, turn);
  }

  private static String generation(Loupe loupe, Turn turn) {
    List<Map<String, String>> messages = UserWork.messages(turn.n++);
    return loupe.startActiveObservation(
        "draft-reply",
        ObservationType.GENERATION,
        gen -> {
          String reply = UserWork.reply(messages);
          gen.input(messages)
              .model(UserWork.MODEL)
              .usageDetails(UserWork.usage(reply))
              .output(reply);
          return reply;
        });
  }
}
