package dev.loupe.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ./loupe cluster} accepts, and what its nodes share across restarts. */
class ClusterSettingsTest {
  @TempDir Path dir;

  @Test
  void options_knownNamesWithValues_elseAnErrorNamingTheArgument() {
    assertThat(ClusterMain.options(new String[] {"--nodes", "5", "--port", "4000"}))
        .isEqualTo(Map.of("nodes", "5", "port", "4000"));
    assertThatThrownBy(() -> ClusterMain.options(new String[] {"--replicas", "2"}))
        .hasMessage("unknown option: --replicas");
    assertThatThrownBy(() -> ClusterMain.options(new String[] {"--nodes"}))
        .hasMessage("unexpected argument: --nodes");
    assertThatThrownBy(() -> ClusterMain.options(new String[] {"--nodes", "three"}))
        .hasMessage("--nodes must be a number: three");
  }

  @Test
  void settings_refuseNoNodesAndPortsPast65535() {
    List<String> cmd = List.of("java");
    assertThatThrownBy(() -> new LocalCluster.Settings(dir, 0, 3000, cmd, "", Map.of()))
        .hasMessageContaining("nodes must be >= 1");
    assertThatThrownBy(() -> new LocalCluster.Settings(dir, 3, 65534, cmd, "", Map.of()))
        .hasMessageContaining("ports 65534..");
  }

  /**
   * The session secret and the judge-key seal are made once and kept: a restarted cluster keeps its
   * sign-ins and can still open the judge keys it stored.
   */
  @Test
  void secrets_areMadeOnceAndKeptInTheDirectory() {
    ClusterSecrets first = ClusterSecrets.load(dir);
    ClusterSecrets again = ClusterSecrets.load(dir);
    assertThat(again).isEqualTo(first);
    assertThat(first.sessionSecret()).hasSizeGreaterThanOrEqualTo(32);
    assertThat(Base64.getDecoder().decode(first.evalKey())).hasSize(32);
    assertThat(ClusterSecrets.load(dir.resolve("other"))).isNotEqualTo(first);
    assertThat(first.nodeEnv())
        .containsEntry("LOUPE_SESSION_SECRET", first.sessionSecret())
        .containsEntry("LOUPE_INIT_PROJECT_PUBLIC_KEY", ClusterSecrets.PUBLIC_KEY);
  }

  @Test
  void engine_isFoundOnAClassPathByItsJarOrItsClasses() {
    assertThat(LocalCluster.engineOn("/x/loupe-testing-clickhouse-0.1.0-SNAPSHOT.jar:/y/a.jar"))
        .isTrue();
    assertThat(LocalCluster.engineOn("/x/kafka-clients.jar")).isFalse();
  }
}
