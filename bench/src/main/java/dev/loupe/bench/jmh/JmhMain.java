package dev.loupe.bench.jmh;

/**
 * {@code ./loupe bench jmh [JMH options]}: runs the JMH benchmarks of this jar ({@link
 * GenerationOverheadBench}, {@link ProtobufDecodeBench}; all of them unless a name filter picks
 * some) with the usual JMH command line, e.g. {@code GenerationOverheadBench -prof gc} or {@code
 * -rf json}.
 */
public final class JmhMain {
  private JmhMain() {}

  public static void main(String[] args) throws Exception {
    org.openjdk.jmh.Main.main(args);
  }
}
