package dev.loupe.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InMemoryOrderTest {
  @Test
  void compareCodePoints_agreesWithUtf8ByteOrder() {
    String[] samples = {"", "a", "ab", "b", "é", "\uFF5E", "\uD83D\uDE00", "\uD83D\uDE00a", "z"};
    for (String a : samples) {
      for (String b : samples) {
        int bytes =
            java.util.Arrays.compareUnsigned(
                a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Integer.signum(InMemoryOrder.compareCodePoints(a, b)))
            .as("%s vs %s", a, b)
            .isEqualTo(Integer.signum(bytes));
      }
    }
  }
}
