package dev.loupe.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CharsTest {
  @Test
  void findsACharacterOfTheRangeOnlyWithinTheGivenSpan() {
    String text = "x".repeat(600);
    for (int at : new int[] {0, 31, 32, 255, 256, 257, 599}) {
      for (char c : new char[] {'a', 'c', 'e'}) {
        String s = text.substring(0, at) + c + text.substring(at + 1);
        boolean inRange = c != 'e';
        assertThat(Chars.anyBetween(s, 0, s.length(), 'a', 'c'))
            .as("%s at %d", c, at)
            .isEqualTo(inRange);
        assertThat(Chars.anyBetween(s, 0, at, 'a', 'c')).as("before %d", at).isFalse();
        assertThat(Chars.anyBetween(s, at + 1, s.length(), 'a', 'c')).as("after %d", at).isFalse();
      }
    }
    assertThat(Chars.anyBetween("\uFFFF\u0000", 0, 2, '\uD800', '\uDFFF')).isFalse();
    assertThat(Chars.anyBetween("x\uDFFF", 0, 2, '\uD800', '\uDFFF')).isTrue();
  }
}
