package dev.loupe.server.npm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real client from the npm registry: {@code server/src/test/npm/<name>} (package.json with exact
 * versions, its lock file, the scripts) in a writable directory with its dependencies installed:
 * {@code $LOUPE_NPM_DIR/<name>} when CI prepared it ({@code .ci/run}), else {@code
 * target/npm/<name>} under the repository, set up with {@code npm ci} on first use. A client that
 * cannot be installed fails the test; it is never skipped.
 */
final class NpmClient {
  private static final Pattern ROOT = Pattern.compile("^ROOT (.+) traceId=([0-9a-f]{32})$");
  private static final Pattern USAGE =
      Pattern.compile("^USAGE (\\S+) input=(\\d+) output=(\\d+) total=(\\d+)$");

  private final Path dir;

  private NpmClient(Path dir) {
    this.dir = dir;
  }

  /** The token usage a client library reported for one of its runs. */
  record Usage(long input, long output, long total) {}

  /** One agent run a script made: its label, root span and the usage the library reported. */
  record AgentRun(String label, String rootName, String traceId, Usage usage) {}

  /**
   * One script run: exit code, output, and its agent runs: the i-th "ROOT" line (a root span ended)
   * with the i-th "USAGE" line (the library's own usage report), in the order the script ran them.
   */
  record Run(int exitCode, String output, List<AgentRun> runs) {}

  static synchronized NpmClient prepared(String name) throws IOException, InterruptedException {
    String prepared = System.getenv("LOUPE_NPM_DIR");
    if (prepared != null && Files.isDirectory(Path.of(prepared, name, "node_modules"))) {
      return withCurrentScripts(name, Path.of(prepared, name));
    }
    Path root = Path.of(System.getProperty("loupe.repo.root", "..")).toAbsolutePath().normalize();
    Path copy = root.resolve("target").resolve("npm").resolve(name);
    NpmClient client = withCurrentScripts(name, copy);
    if (!Files.isDirectory(copy.resolve("node_modules"))) {
      Run npm = client.exec(600, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
      if (npm.exitCode() != 0)
        throw new IllegalStateException("npm ci failed in " + copy + ":\n" + npm.output());
    }
    return client;
  }

  /**
   * Copies the package files and scripts of this checkout, and the shared {@code otel.mjs} (OTLP
   * export to Loupe), over the prepared directory.
   */
  private static NpmClient withCurrentScripts(String name, Path dir) throws IOException {
    Path source = source(name);
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(source)) {
      list.forEach(files::add);
    }
    files.add(source.resolveSibling("otel.mjs"));
    for (Path f : files) {
      Files.copy(f, dir.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
    }
    return new NpmClient(dir);
  }

  private static Path source(String name) {
    for (Path base : List.of(Path.of("src/test/npm"), Path.of("server/src/test/npm"))) {
      Path p = base.resolve(name).toAbsolutePath();
      if (Files.isDirectory(p)) return p;
    }
    Path root = Path.of(System.getProperty("loupe.repo.root", "..")).toAbsolutePath();
    return root.resolve("server/src/test/npm").resolve(name);
  }

  /** Runs {@code node <script> <args>} and parses its ROOT and USAGE lines. */
  Run node(String script, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(List.of(args));
    return exec(120, command.toArray(String[]::new));
  }

  private Run exec(int timeoutSeconds, String... command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("npm-client", ".log");
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(
          String.join(" ", command) + " timed out:\n" + Files.readString(log));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    List<String[]> roots = new ArrayList<>();
    List<Matcher> reports = new ArrayList<>();
    for (String line : output.split("\n")) {
      Matcher r = ROOT.matcher(line.strip());
      if (r.matches()) roots.add(new String[] {r.group(1), r.group(2)});
      Matcher u = USAGE.matcher(line.strip());
      if (u.matches()) reports.add(u);
    }
    List<AgentRun> runs = new ArrayList<>();
    for (int i = 0; i < Math.min(roots.size(), reports.size()); i++) {
      Matcher u = reports.get(i);
      runs.add(
          new AgentRun(
              u.group(1),
              roots.get(i)[0],
              roots.get(i)[1],
              new Usage(
                  Long.parseLong(u.group(2)),
                  Long.parseLong(u.group(3)),
                  Long.parseLong(u.group(4)))));
    }
    if (roots.size() != reports.size()) {
      throw new IllegalStateException(
          roots.size() + " root spans but " + reports.size() + " usage reports:\n" + output);
    }
    return new Run(p.exitValue(), output, runs);
  }
}
