package dev.loupe.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.Score;
import dev.loupe.model.ScoreCategory;
import dev.loupe.model.ScoreConfig;
import dev.loupe.model.ScoreDataType;
import dev.loupe.model.ScoreInput;
import dev.loupe.model.ScoreSource;
import dev.loupe.model.ScoreTarget;
import dev.loupe.storage.ScoreQuery;
import dev.loupe.storage.duckdb.DuckDbStorage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The score rules of Langfuse, on a real DuckDB file: what is stored and what is refused. */
class ScoresTest {
  private static final String PROJECT = "p";
  private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

  @TempDir Path dir;
  private DuckDbStorage storage;
  private Scores scores;
  private ScoreConfigs configs;

  @BeforeEach
  void open() {
    storage = DuckDbStorage.open(dir);
    Clock clock = Clock.fixed(T.plusSeconds(5), ZoneOffset.UTC);
    scores = new Scores(storage.scoreStore(), storage.scoreConfigStore(), clock);
    configs = new ScoreConfigs(storage.scoreConfigStore(), clock);
  }

  @AfterEach
  void close() {
    storage.close();
  }

  private static ScoreInput input(
      String name, @Nullable Double number, @Nullable String text, @Nullable ScoreDataType type) {
    return input("s-1", name, number, text, type, null, ScoreSource.API);
  }

  private static ScoreInput input(
      String id,
      String name,
      @Nullable Double number,
      @Nullable String text,
      @Nullable ScoreDataType type,
      @Nullable String configId,
      ScoreSource source) {
    return new ScoreInput(
        PROJECT,
        id,
        name,
        number,
        text,
        type,
        source,
        ScoreTarget.trace("t-1"),
        T,
        "a comment",
        null,
        configId,
        null,
        null,
        null);
  }

  private ScoreConfig config(
      ScoreDataType type, List<ScoreCategory> categories, Double min, Double max) {
    return configs.create(
        PROJECT,
        new ScoreConfigs.Draft(
            type == ScoreDataType.NUMERIC ? "quality" : "tone", type, categories, min, max, null));
  }

  @Test
  void withoutDataType_aNumberIsNumeric_aStringCategorical() {
    assertThat(scores.create(input("quality", 0.5, null, null)).dataType())
        .isEqualTo(ScoreDataType.NUMERIC);
    Score label = scores.create(input("tone", null, "not toxic", null));
    assertThat(label.dataType()).isEqualTo(ScoreDataType.CATEGORICAL);
    assertThat(label.stringValue()).isEqualTo("not toxic");
    assertThat(label.value()).isEqualTo(0.0);
  }

  @Test
  void aResentScoreUpdates_neverDuplicates() {
    scores.create(input("quality", 0.5, null, null));
    Scores later =
        new Scores(
            storage.scoreStore(),
            storage.scoreConfigStore(),
            Clock.fixed(T.plusSeconds(60), ZoneOffset.UTC));

    later.create(input("quality", 0.9, null, null));

    Score stored = storage.scoreStore().getScore(PROJECT, "s-1").orElseThrow();
    assertThat(stored.value()).isEqualTo(0.9);
    assertThat(stored.createdAt()).isEqualTo(T.plusSeconds(5));
    assertThat(stored.updatedAt()).isEqualTo(T.plusSeconds(60));
    assertThat(storage.scoreStore().searchScores(ScoreQuery.builder(PROJECT).build()).totalItems())
        .isEqualTo(1);
  }

  @Test
  void valuesOfTheWrongKindAreRefused_namingTheField() {
    assertRefused(
        input("q", null, "high", ScoreDataType.NUMERIC), "value: a NUMERIC score takes a number");
    assertRefused(
        input("q", 1.0, null, ScoreDataType.CATEGORICAL),
        "value: a CATEGORICAL score takes a string");
    assertRefused(input("q", 1.0, null, ScoreDataType.TEXT), "value: a TEXT score takes a string");
    assertRefused(
        input("q", 2.0, null, ScoreDataType.BOOLEAN), "value: a BOOLEAN score is 1 or 0, got 2");
    assertRefused(
        input("q", null, "x".repeat(501), ScoreDataType.TEXT),
        "value: a TEXT score is 1 to 500 characters, got 501");
    assertThat(scores.create(input("q", null, "é".repeat(500), ScoreDataType.TEXT)).stringValue())
        .hasSize(500);
    assertThat(scores.create(input("q", 0.0, null, ScoreDataType.BOOLEAN)).stringValue())
        .isEqualTo("False");
  }

  @Test
  void aConfigDecidesTheTypeAndBoundsTheValue() {
    ScoreConfig quality = config(ScoreDataType.NUMERIC, List.of(), 0.0, 1.0);
    assertThat(
            scores
                .create(input("s-1", "quality", 1.0, null, null, quality.id(), ScoreSource.API))
                .value())
        .isEqualTo(1.0);
    assertRefused(
        input("s-2", "quality", 1.5, null, null, quality.id(), ScoreSource.API),
        "value: 1.5 is above the config's maxValue 1");
    assertRefused(
        input("s-2", "quality", -0.1, null, null, quality.id(), ScoreSource.API),
        "value: -0.1 is below the config's minValue 0");
    assertRefused(
        input("s-2", "other", 0.5, null, null, quality.id(), ScoreSource.API),
        "name: must be the config's name 'quality', got 'other'");
    assertRefused(
        input("s-2", "quality", 1.0, null, ScoreDataType.BOOLEAN, quality.id(), ScoreSource.API),
        "dataType: the config is NUMERIC, got BOOLEAN");
    assertRefused(
        input("s-2", "quality", 0.5, null, null, "nope", ScoreSource.API),
        "configId: no score config 'nope' in this project");
  }

  @Test
  void aCategoricalConfigMapsTheLabelToItsNumber() {
    ScoreConfig tone =
        config(
            ScoreDataType.CATEGORICAL,
            List.of(new ScoreCategory(0, "rude"), new ScoreCategory(2, "friendly")),
            null,
            null);

    Score s =
        scores.create(
            input("s-1", "tone", null, "friendly", null, tone.id(), ScoreSource.ANNOTATION));

    assertThat(s.value()).isEqualTo(2.0);
    assertThat(s.stringValue()).isEqualTo("friendly");
    assertRefused(
        input("s-2", "tone", null, "meh", null, tone.id(), ScoreSource.API),
        "value: 'meh' is not a category of score config 'tone' (rude, friendly)");
  }

  @Test
  void aBooleanConfigTakesOneOrZero_andAnArchivedConfigNothing() {
    ScoreConfig thumbs = config(ScoreDataType.BOOLEAN, List.of(), null, null);
    assertThat(
            scores
                .create(input("s-1", "tone", 1.0, null, null, thumbs.id(), ScoreSource.API))
                .dataType())
        .isEqualTo(ScoreDataType.BOOLEAN);

    configs.update(
        PROJECT, thumbs.id(), new ScoreConfigs.Patch(true, null, null, null, null, null));

    assertRefused(
        input("s-2", "tone", 1.0, null, null, thumbs.id(), ScoreSource.API),
        "configId: score config '" + thumbs.id() + "' is archived");
  }

  @Test
  void anAnnotationNeedsAConfig() {
    assertRefused(
        input("s-1", "q", 1.0, null, null, null, ScoreSource.ANNOTATION),
        "configId: an ANNOTATION score needs a score config");
  }

  @Test
  void createAll_storesTheGoodOnes_andNamesWhatIsWrongWithEachBadOne() {
    List<Scores.Outcome> outcomes =
        scores.createAll(
            List.of(
                input("a", "q", 0.5, null, null, null, ScoreSource.API),
                input("b", "q", 3.0, null, ScoreDataType.BOOLEAN, null, ScoreSource.API),
                input("c", "q", null, "fine", ScoreDataType.TEXT, null, ScoreSource.API)));

    assertThat(outcomes).extracting(Scores.Outcome::ok).containsExactly(true, false, true);
    assertThat(outcomes.get(1).error()).startsWith("value: a BOOLEAN score is 1 or 0");
    assertThat(storage.scoreStore().getScore(PROJECT, "a")).isPresent();
    assertThat(storage.scoreStore().getScore(PROJECT, "b")).isEmpty();
    assertThat(storage.scoreStore().getScore(PROJECT, "c")).isPresent();
  }

  @Test
  void configRules_nameTheField() {
    assertThatThrownBy(() -> config(ScoreDataType.CATEGORICAL, List.of(), null, null))
        .hasMessageStartingWith("categories: a CATEGORICAL config needs at least one");
    assertThatThrownBy(() -> config(ScoreDataType.NUMERIC, List.of(), 2.0, 1.0))
        .hasMessageStartingWith("minValue: 2 is greater than maxValue 1");
    assertThatThrownBy(
            () ->
                config(
                    ScoreDataType.CATEGORICAL,
                    List.of(new ScoreCategory(0, "a"), new ScoreCategory(1, "a")),
                    null,
                    null))
        .hasMessageStartingWith("categories[1].label: 'a' appears twice");
    assertThatThrownBy(
            () ->
                configs.create(
                    PROJECT,
                    new ScoreConfigs.Draft(
                        "bad/name", ScoreDataType.TEXT, List.of(), null, null, null)))
        .hasMessageStartingWith("name: 1 to 35 letters");
  }

  /** The input is refused with the message, and what was stored under its id is unchanged. */
  private void assertRefused(ScoreInput input, String message) {
    var before = storage.scoreStore().getScore(PROJECT, input.id());
    assertThatThrownBy(() -> scores.create(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
    assertThat(storage.scoreStore().getScore(PROJECT, input.id())).isEqualTo(before);
  }
}
