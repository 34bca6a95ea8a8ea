package dev.loupe.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FullTextTest {
  @Test
  void matchesIgnoringCase_inJsonWithItsEscapesDecoded() {
    FullText t = FullText.of("Café \"Noir\"");

    assertThat(t.matches("{\"order\":\"un CAFÉ \\\"noir\\\" svp\"}")).isTrue();
    assertThat(t.matches("{\"order\":\"un caf\\u00e9 \\\"NOIR\\\"\"}")).as("\\u escape").isTrue();
    assertThat(t.matches("{\"order\":\"un café noir\"}")).as("no quotes").isFalse();
    assertThat(FullText.of("a\nb").matches("\"A\\nB\"")).isTrue();
    assertThat(FullText.of("\\n").matches("\"A\\nB\"")).as("the escape is not the text").isFalse();
  }

  @Test
  void aNameIsPlainText_andNullOrEmptyNeverMatch() {
    FullText t = FullText.of("\\n");

    assertThat(t.matchesPlain("path\\name")).isTrue();
    assertThat(t.matches("path\\name")).isFalse();
    assertThat(t.matches(null)).isFalse();
    assertThat(t.matches("")).isFalse();
    assertThat(FullText.of("x").matches(null, null, "\"X\"")).isTrue();
  }

  @Test
  void brokenEscapesAndATrailingBackslashAreReadAsText() {
    assertThat(FullText.of("uZZZZ").matches("\"\\uZZZZ\"")).isTrue();
    assertThat(FullText.of("end").matches("\"the end\\")).isTrue();
    assertThat(FullText.of("\\").matches("ends with \\")).isTrue();
  }

  @Test
  void aBlankOrTooLongTermIsRefused() {
    assertThatThrownBy(() -> FullText.of(" ")).hasMessage("fullText: is blank");
    assertThatThrownBy(() -> FullText.of("x".repeat(201)))
        .hasMessage("fullText: at most 200 characters, got 201");
    assertThat(FullText.of("Ab")).isEqualTo(FullText.of("Ab")).isNotEqualTo(FullText.of("ab"));
  }
}
