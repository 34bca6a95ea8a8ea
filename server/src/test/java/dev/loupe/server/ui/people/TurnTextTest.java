package dev.loupe.server.ui.people;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The lists' input preview reads each shape of input as a person would name it. */
class TurnTextTest {
  @Test
  void preview_ofAChat_isTheLastUserMessage_withWhitespaceRunsAsOneSpace() {
    String chat =
        "{\"messages\":[{\"role\":\"user\",\"content\":\"first\"},"
            + "{\"role\":\"assistant\",\"content\":\"ok\"},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"second\\n\\n  part\"}]}]}";

    assertThat(TurnText.preview(chat)).isEqualTo("second part");
  }

  @Test
  void preview_ofJsonWithoutMessages_isItsStringValues_orTheJsonWhenItHasNone() {
    assertThat(TurnText.preview("{\"a\":{\"b\":\"deep\"},\"c\":[\"x\",2]}")).isEqualTo("deep · x");
    assertThat(TurnText.preview("[1, 2]")).isEqualTo("[1, 2]");
  }

  @Test
  void preview_ofAMessageWhoseContentIsNotText_isTheWholeInputsStringValues() {
    String odd = "[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"url\":\"u\"}]}]";

    assertThat(TurnText.preview(odd)).isEqualTo("user · image · u");
  }

  @Test
  void preview_ofTextThatIsNotJson_isTheText_andOfNothingIsEmpty() {
    assertThat(TurnText.preview("plain  words\tthere")).isEqualTo("plain words there");
    assertThat(TurnText.preview(null)).isEmpty();
    assertThat(TurnText.preview("  ")).isEmpty();
  }

  @Test
  void preview_cutsAfter100CodePoints_neverInsideASurrogatePair() {
    String text = "😀".repeat(120);

    assertThat(TurnText.preview("\"" + text + "\"")).isEqualTo("😀".repeat(100) + "…");
  }
}
