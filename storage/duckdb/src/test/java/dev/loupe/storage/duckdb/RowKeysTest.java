package dev.loupe.storage.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowKeysTest {
  @Test
  void of_neverChangesBecauseKeysArePersisted() {
    assertThat(RowKeys.of("default", "00f067aa0ba902b7")).isEqualTo(3325321751663674239L);
  }

  @Test
  void of_separatesProjectFromId() {
    assertThat(RowKeys.of("ab", "c")).isNotEqualTo(RowKeys.of("a", "bc"));
  }
}
