package dev.loupe.storage.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyFilterTest {
  @Test
  void mightContain_isTrueForEveryAddedKeyAcrossGrownSegments() {
    KeyFilter filter = new KeyFilter(1_000);
    Random r = new Random(1);
    long[] keys = new long[300_000];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = r.nextLong();
      filter.add(keys[i]);
    }
    for (long k : keys) assertThat(filter.mightContain(k)).isTrue();
  }

  @Test
  void mightContain_isRarelyTrueForKeysNeverAdded() {
    KeyFilter filter = new KeyFilter(100_000);
    Random r = new Random(2);
    for (int i = 0; i < 100_000; i++) filter.add(r.nextLong());
    int falsePositives = 0;
    for (int i = 0; i < 1_000_000; i++) if (filter.mightContain(r.nextLong())) falsePositives++;
    assertThat(falsePositives).isLessThan(100);
  }
}
