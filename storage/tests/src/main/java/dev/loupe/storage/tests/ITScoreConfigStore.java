package dev.loupe.storage.tests;

import static dev.loupe.storage.tests.ScoreObjects.helpfulnessConfig;
import static dev.loupe.storage.tests.ScoreObjects.toneConfig;
import static dev.loupe.storage.tests.TestObjects.OTHER_PROJECT;
import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static dev.loupe.storage.tests.TestObjects.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.ScoreConfig;
import dev.loupe.storage.Page;
import dev.loupe.storage.Paging;
import dev.loupe.storage.ScoreConfigStore;
import dev.loupe.storage.Storage;
import org.junit.jupiter.api.Test;

/** Score configs: round trip, replace by id (archive), list order and paging, isolation. */
public abstract class ITScoreConfigStore<S extends Storage> extends ITStorage<S> {

  private ScoreConfigStore configs() {
    return storage.scoreConfigStore();
  }

  @Test
  protected void putScoreConfig_roundTripsEveryField() {
    ScoreConfig tone = toneConfig(PROJECT, "cfg-tone", at(1));
    ScoreConfig helpfulness = helpfulnessConfig(PROJECT, "cfg-help", at(2));
    configs().putScoreConfig(tone);
    configs().putScoreConfig(helpfulness);

    assertStored(configs().getScoreConfig(PROJECT, "cfg-tone").orElseThrow(), tone);
    assertStored(configs().getScoreConfig(PROJECT, "cfg-help").orElseThrow(), helpfulness);
    assertThat(configs().getScoreConfig(PROJECT, "nope")).isEmpty();
  }

  @Test
  protected void putScoreConfig_sameIdReplaces_soArchivingKeepsOneConfig() {
    ScoreConfig tone = toneConfig(PROJECT, "cfg-tone", at(1));
    configs().putScoreConfig(tone);
    ScoreConfig archived =
        new ScoreConfig(
            PROJECT,
            "cfg-tone",
            "tone (old)",
            tone.dataType(),
            true,
            null,
            null,
            tone.categories(),
            null,
            tone.createdAt(),
            at(9));

    configs().putScoreConfig(archived);

    assertStored(configs().getScoreConfig(PROJECT, "cfg-tone").orElseThrow(), archived);
    assertThat(configs().listScoreConfigs(PROJECT, Paging.FIRST_50).totalItems()).isEqualTo(1);
  }

  @Test
  protected void listScoreConfigs_newestFirstThenIdDescending_paged() {
    configs().putScoreConfig(toneConfig(PROJECT, "c-1", at(1)));
    configs().putScoreConfig(toneConfig(PROJECT, "c-2", at(3)));
    configs().putScoreConfig(toneConfig(PROJECT, "c-3", at(3)));
    configs().putScoreConfig(toneConfig(PROJECT, "c-4", at(2)));

    Page<ScoreConfig> first = configs().listScoreConfigs(PROJECT, new Paging(1, 3));
    Page<ScoreConfig> second = configs().listScoreConfigs(PROJECT, new Paging(2, 3));

    assertThat(ids(first, ScoreConfig::id)).containsExactly("c-3", "c-2", "c-4");
    assertThat(ids(second, ScoreConfig::id)).containsExactly("c-1");
    assertThat(first.totalItems()).isEqualTo(4);
  }

  @Test
  protected void configs_neverSeenFromAnotherProject() {
    configs().putScoreConfig(toneConfig(PROJECT, "cfg-tone", at(1)));
    configs().putScoreConfig(helpfulnessConfig(OTHER_PROJECT, "cfg-tone", at(2)));

    assertThat(configs().getScoreConfig(PROJECT, "cfg-tone").orElseThrow().name())
        .isEqualTo("tone");
    assertThat(configs().getScoreConfig(OTHER_PROJECT, "cfg-tone").orElseThrow().name())
        .isEqualTo("helpfulness");
    assertThat(ids(configs().listScoreConfigs(OTHER_PROJECT, Paging.FIRST_50), ScoreConfig::id))
        .containsExactly("cfg-tone");
    assertThat(configs().listScoreConfigs("project-c", Paging.FIRST_50).items()).isEmpty();
  }
}
