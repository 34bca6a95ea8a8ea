package dev.loupe.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ClickHouse engine of module {@code testing/clickhouse} ({@code LocalClickHouse}: chDB behind
 * ClickHouse's HTTP protocol) in a JVM of its own. A process, not a library call: that module is
 * compiled for Java 22+ (it loads chDB with the FFM API) while this one is a Java 21 module, and a
 * crash of the native engine takes only its own process down.
 */
public final class ClickHouseProcess implements AutoCloseable {
  static final String MAIN = "dev.loupe.testing.clickhouse.LocalClickHouse";
  private static final Pattern URL = Pattern.compile("url=(http://\\S+)");

  private final ChildProcess process;
  private final String url;

  private ClickHouseProcess(ChildProcess process, String url) {
    this.process = process;
    this.url = url;
  }

  /**
   * Starts the engine on {@code dir} (created when new) and waits until it prints its URL.
   *
   * @param classpath a class path holding {@code LocalClickHouse} and its dependencies
   * @param port its HTTP port, 0 for a free one
   */
  public static ClickHouseProcess start(Path dir, int port, String classpath, Path log) {
    if (!onClasspath(classpath))
      throw new IllegalStateException(
          "the ClickHouse engine (module testing/clickhouse, "
              + MAIN
              + ") is not on the class path: it is built only with JDK 22 or newer");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(classpath);
    command.add(MAIN);
    command.add(dir.toAbsolutePath().toString());
    command.add(Integer.toString(port));
    ChildProcess p = ChildProcess.start("ClickHouse engine", command, Map.of(), log);
    p.awaitReady(() -> URL.matcher(p.output()).find(), Duration.ofSeconds(120));
    Matcher m = URL.matcher(p.output());
    m.find();
    return new ClickHouseProcess(p, m.group(1));
  }

  /** True when {@code LocalClickHouse} is among {@code classpath}'s entries. */
  static boolean onClasspath(String classpath) {
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      String name = p.getFileName() == null ? "" : p.getFileName().toString();
      if (name.startsWith("loupe-testing-clickhouse")) return true;
      if (java.nio.file.Files.isRegularFile(p.resolve(MAIN.replace('.', '/') + ".class")))
        return true;
    }
    return false;
  }

  /** {@code http://127.0.0.1:<port>}: where the ClickHouse client connects. */
  public String url() {
    return url;
  }

  /** The engine's process id (its CPU and memory are read from /proc by the benches). */
  public long pid() {
    return process.pid();
  }

  ChildProcess process() {
    return process;
  }

  @Override
  public void close() {
    process.close();
  }
}
