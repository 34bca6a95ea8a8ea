package dev.loupe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loupe.cluster.LocalCluster;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analytics bench on the ClickHouse store ({@code --storage clickhouse}): the engine of module
 * {@code testing/clickhouse} started as a process of its own, the data written through the store's
 * consumer, the same queries answered and the same checks passed as on DuckDB; a second run without
 * {@code --reuse} is refused, one with it measures the same data.
 */
class ClickHouseAnalyticsBenchTest {
  @TempDir Path dir;

  @Test
  void run_onClickHouse_answersEveryQueryAndEveryCheckPasses_thenReusesTheData() throws Exception {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    assumeTrue(
        LocalCluster.engineOn(classpath),
        "the ClickHouse engine is built with JDK 22+ only (module testing/clickhouse)");
    Map<String, String> opt = new HashMap<>();
    opt.putAll(
        Map.of(
            "storage", "clickhouse",
            "engine-classpath", classpath,
            "generations", "2000",
            "data-dir", dir.toString(),
            "runs", "1",
            "lookups", "5"));

    List<String> first = AnalyticsBench.run(opt);

    assertThat(first).anyMatch(l -> l.contains("\nstorage   : ClickHouse engine"));
    assertThat(first).filteredOn(l -> l.startsWith("query (")).hasSize(9);
    assertThat(first).noneMatch(l -> l.contains("FAILED") || l.contains("MISMATCH"));
    assertThat(first).filteredOn(l -> l.startsWith("check     : ok")).hasSize(4);
    assertThat(first)
        .anyMatch(l -> l.startsWith("disk      : ") && l.contains(" rows in loupe_bench"));

    assertThatThrownBy(() -> AnalyticsBench.run(opt))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("add --reuse");

    opt.put("reuse", "true");
    List<String> reused = AnalyticsBench.run(opt);
    assertThat(reused).anyMatch(l -> l.startsWith("generate  : skipped"));
    assertThat(reused).filteredOn(l -> l.startsWith("check     : ok")).hasSize(4);
  }
}
