package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher bounds the server's heap from the machine's memory, and lets the user decide. */
class LauncherTest {
  static final Path LAUNCHER = Path.of(System.getProperty("loupe.repo.root", ".."), "loupe");

  record Run(int exitCode, String output) {}

  static Run serverFlags(Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", LAUNCHER.toString(), "server-flags");
    pb.environment().remove("LOUPE_HEAP");
    pb.environment().remove("LOUPE_JAVA_OPTS");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    return new Run(p.waitFor(), out);
  }

  @Test
  void serverFlags_boundTheHeapToAQuarterOfMemoryBetween256mAnd4g() throws Exception {
    Run run = serverFlags(Map.of());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).startsWith("-XX:+UseSerialGC -Xss512k");
    long mib = Math.clamp(memoryKiB() / 1024 / 4, 256, 4096);
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
