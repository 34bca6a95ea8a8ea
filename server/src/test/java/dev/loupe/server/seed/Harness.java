package dev.loupe.server.seed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The shared seed harness ({@code ../shared/harness}: the real Langfuse TypeScript SDK from the npm
 * registry) in a writable directory with its npm dependencies installed: {@code LOUPE_HARNESS_DIR}
 * when CI prepared one, else a copy under {@code target/} set up with {@code npm ci} on first use.
 */
public final class Harness {
  private static final Pattern TRACE_ID = Pattern.compile("traceId=([0-9a-f]{32})");

  public final Path dir;

  private Harness(Path dir) {
    this.dir = dir;
  }

  /** Output of one command: exit code, combined stdout+stderr. */
  public record Run(int exitCode, String output) {
    public List<String> traceIds() {
      List<String> ids = new ArrayList<>();
      Matcher m = TRACE_ID.matcher(output);
      while (m.find()) if (!ids.contains(m.group(1))) ids.add(m.group(1));
      return ids;
    }
  }

  public static synchronized Harness prepared() throws IOException, InterruptedException {
    String prepared = System.getenv("LOUPE_HARNESS_DIR");
    if (prepared != null && Files.isDirectory(Path.of(prepared, "node_modules"))) {
      return withOurScripts(Path.of(prepared));
    }
    Path root = repoRoot();
    return withOurScripts(
        installed(sharedHarness(root), root.resolve("target").resolve("harness")));
  }

  /**
   * The real Langfuse TypeScript client ({@code @langfuse/client}, pinned in {@code
   * server/src/test/node/langfuse-client}) with its {@code client-check.mjs}, installed under
   * {@code target/} on first use.
   */
  public static synchronized Harness langfuseClient() throws IOException, InterruptedException {
    Path root = repoRoot();
    Path source = root.resolve("server/src/test/node/langfuse-client");
    Path copy = installed(source, root.resolve("target/node/langfuse-client"));
    copyTree(source, copy); // scripts added since the install
    return new Harness(copy);
  }

  private static Path repoRoot() {
    return Path.of(System.getProperty("loupe.repo.root", "..")).toAbsolutePath().normalize();
  }

  /** {@code source} copied to {@code copy} with {@code npm ci} run there, unless already done. */
  private static Path installed(Path source, Path copy) throws IOException, InterruptedException {
    if (!Files.isDirectory(copy.resolve("node_modules"))) {
      copyTree(source, copy);
      Run npm =
          run(copy, Map.of(), 600, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
      if (npm.exitCode() != 0)
        throw new IllegalStateException("npm ci failed in " + copy + ":\n" + npm.output());
    }
    return copy;
  }

  /** {@code shared/harness} beside the repository or beside one of its parents (a worktree). */
  private static Path sharedHarness(Path root) {
    for (Path dir = root; dir != null && dir.getParent() != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("harness");
      if (Files.isDirectory(candidate)) return candidate;
    }
    return root.resolveSibling("shared").resolve("harness");
  }

  private static Harness withOurScripts(Path dir) throws IOException {
    try (var in = Harness.class.getResourceAsStream("/harness/lemma-seed.mjs")) {
      Files.copy(in, dir.resolve("lemma-seed.mjs"), StandardCopyOption.REPLACE_EXISTING);
    }
    return new Harness(dir);
  }

  public Run run(Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    return run(dir, env, 300, command);
  }

  private static Run run(Path dir, Map<String, String> env, int timeoutSeconds, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Path log = Files.createTempFile("harness", ".log");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(
          String.join(" ", command) + " timed out:\n" + Files.readString(log));
    }
    return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.toString().contains("node_modules")) continue;
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) Files.createDirectories(target);
        else
          Files.copy(
              f, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }
}
