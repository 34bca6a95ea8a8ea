package dev.loupe.ingest.convention;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyGroupTest {
  @Test
  void everyGroupTakesTheKeysUnderItsPrefixAndNothingElse() {
    for (KeyGroup g : KeyGroup.values()) {
      assertThat(KeyGroup.of(g.prefix + "x")).as(g.prefix).isEqualTo(g);
      assertThat(KeyGroup.of(g.prefix)).as("%s alone", g.prefix).isNull();
      assertThat(KeyGroup.of(g.prefix.substring(0, g.prefix.length() - 1) + "_x"))
          .as("%s without its dot", g.prefix)
          .isNull();
    }
    for (String key : new String[] {"", "l", "la", "ll", "langfuse.observation.input", "x.y"})
      assertThat(KeyGroup.of(key)).as(key).isNull();
  }
}
