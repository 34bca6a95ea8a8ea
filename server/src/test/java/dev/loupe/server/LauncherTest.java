package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The launcher bounds the server's heap from the machine's memory, passes thread priorities on
 * where the process may raise them, and lets the user decide.
 */
class LauncherTest {
  static final Path LAUNCHER = Path.of(System.getProperty("loupe.repo.root", ".."), "loupe");

  record Run(int exitCode, String output) {}

  static final String PRIORITIES = " -XX:ThreadPriorityPolicy=1";

  /** The flags, without the thread-priority flag (its own test covers it). */
  static Run serverFlags(Map<String, String> env) throws IOException, InterruptedException {
    Run run = launcher(List.of(), env);
    return new Run(run.exitCode(), run.output().replace(PRIORITIES, ""));
  }

  static Run launcher(List<String> prefix, Map<String, String> env)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(List.of("bash", LAUNCHER.toString(), "server-flags"));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("LOUPE_HEAP");
    pb.environment().remove("LOUPE_JAVA_OPTS");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    return new Run(p.waitFor(), out);
  }

  @Test
  void serverFlags_passThreadPrioritiesOnOnlyWhereTheProcessMayRaiseThem() throws Exception {
    boolean capability = hasSysNice(), limit = niceLimit() >= 25;
    assertThat(launcher(List.of(), Map.of()).output().endsWith(PRIORITIES))
        .as("CAP_SYS_NICE %s, RLIMIT_NICE %s", capability, niceLimit())
        .isEqualTo(capability || limit);
    assertThat(
            launcher(List.of(), Map.of("LOUPE_JAVA_OPTS", "-XX:ThreadPriorityPolicy=0")).output())
        .isEqualTo("-XX:ThreadPriorityPolicy=0 -Xmx" + heapMiB() + "m");
    // the same launcher without the capability (setpriv drops it from the bounding set)
    assumeTrue(capability && !limit && Files.isExecutable(Path.of("/usr/bin/setpriv")));
    Run dropped =
        launcher(List.of("setpriv", "--inh-caps=-sys_nice", "--bounding-set=-sys_nice"), Map.of());
    assertThat(dropped.exitCode()).as(dropped.output()).isZero();
    assertThat(dropped.output()).startsWith("-XX:+UseSerialGC").doesNotContain("Priority");
  }

  @Test
  void serverFlags_boundTheHeapToAQuarterOfMemoryBetween256mAnd4g() throws Exception {
    Run run = serverFlags(Map.of());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).startsWith("-XX:+UseSerialGC -Xss512k");
    long mib = heapMiB();
    assertThat(run.output())
        .endsWith(" -Xmx" + mib + "m" + (mib >= 1024 ? " -Xmn" + mib / 2 + "m" : ""));
  }

  @Test
  void serverFlags_loupeHeapReplacesTheComputedBound() throws Exception {
    assertThat(serverFlags(Map.of("LOUPE_HEAP", "300m")).output())
        .isEqualTo("-XX:+UseSerialGC -Xss512k -XX:TieredStopAtLevel=4 -Xmx300m");
    assertThat(serverFlags(Map.of("LOUPE_HEAP", "2g")).output()).endsWith(" -Xmx2g -Xmn1024m");
  }

  @Test
  void serverFlags_loupeJavaOptsStillWin() throws Exception {
    assertThat(serverFlags(Map.of("LOUPE_JAVA_OPTS", "-Xmx1g -Dx=1")).output())
        .isEqualTo("-Xmx1g -Dx=1");
    assertThat(serverFlags(Map.of("LOUPE_JAVA_OPTS", "-XX:MaxRAMPercentage=50")).output())
        .isEqualTo("-XX:MaxRAMPercentage=50");
    assertThat(serverFlags(Map.of("LOUPE_JAVA_OPTS", "-Dx=1", "LOUPE_HEAP", "2g")).output())
        .isEqualTo("-Dx=1 -Xmx2g");
  }

  @Test
  void serverFlags_aHeapThatIsNotASizeIsRefusedNamingTheVariable() throws Exception {
    Run run = serverFlags(Map.of("LOUPE_HEAP", "lots"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output()).contains("LOUPE_HEAP must be a size such as 512m or 2g: lots");
  }

  /** The heap bound the launcher should compute: a quarter of memory, within [256m, 4g]. */
  static long heapMiB() throws IOException {
    return Math.clamp(memoryKiB() / 1024 / 4, 256, 4096);
  }

  /** Whether this process (and so the launcher it starts) holds CAP_SYS_NICE. */
  static boolean hasSysNice() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(l -> l.startsWith("CapEff:"))
        .anyMatch(l -> ((Long.parseUnsignedLong(l.substring(7).trim(), 16) >>> 23) & 1) == 1);
  }

  /** The soft RLIMIT_NICE (20 - the lowest nice value this process may set). */
  static long niceLimit() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/limits")).stream()
        .filter(l -> l.startsWith("Max nice priority"))
        .map(l -> l.substring("Max nice priority".length()).trim().split("\\s+")[0])
        .mapToLong(v -> v.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(v))
        .findFirst()
        .orElse(0);
  }

  /** MemTotal, or the cgroup's limit when that is lower. */
  static long memoryKiB() throws IOException {
    long kib =
        Files.readAllLines(Path.of("/proc/meminfo")).stream()
            .filter(l -> l.startsWith("MemTotal:"))
            .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
            .findFirst()
            .orElseThrow();
    for (String f :
        new String[] {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}) {
      Path p = Path.of(f);
      if (!Files.isReadable(p)) continue;
      String v = Files.readString(p).trim();
      if (v.matches("\\d+")) kib = Math.min(kib, Long.parseLong(v) / 1024);
    }
    return kib;
  }
}
