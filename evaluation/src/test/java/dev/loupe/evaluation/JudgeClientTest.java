package dev.loupe.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.loupe.model.Json;
import dev.loupe.model.ScoreDataType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a judge's answer: where the verdict may be, and what makes it unusable. */
class JudgeClientTest {
  static final OutputDefinition NUMBER =
      new OutputDefinition(ScoreDataType.NUMERIC, "", "", List.of());
  static final OutputDefinition YES_NO =
      new OutputDefinition(ScoreDataType.BOOLEAN, "", "", List.of());
  static final OutputDefinition LABEL =
      new OutputDefinition(ScoreDataType.CATEGORICAL, "", "", List.of("good", "bad"));

  static String content(String text) {
    return CannedJudge.completion("{\"role\":\"assistant\",\"content\":" + Json.quote(text) + "}");
  }

  @Test
  void read_findsTheVerdictInContentFencesProseOrToolCalls() throws Exception {
    assertThat(JudgeClient.read(content("{\"reasoning\":\"r\",\"score\":0.7}"), NUMBER))
        .isEqualTo(new Verdict(0.7, null, "r"));
    assertThat(
            JudgeClient.read(
                content("Sure!\n```json\n{\"score\": \"4\", \"reasoning\": \"ok\"}\n```"), NUMBER))
        .isEqualTo(new Verdict(4.0, null, "ok"));
    assertThat(JudgeClient.read(content("{\"score\":\"yes\",\"reasoning\":\"\"}"), YES_NO).number())
        .isEqualTo(1.0);
    String tool =
        CannedJudge.completion(
            "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"function\":{\"name\":\"score\",\"arguments\":"
                + Json.quote("{\"score\":\"bad\",\"reasoning\":\"rude\"}")
                + "}}]}");
    assertThat(JudgeClient.read(tool, LABEL)).isEqualTo(new Verdict(null, "bad", "rude"));
  }

  @Test
  void read_refusesWhatHoldsNoUsableScore_asUnparsable() {
    for (String[] c :
        new String[][] {
          {"<html>502</html>", "not JSON"},
          {"{\"choices\":[]}", "no choices[0].message"},
          {content("The answer is good."), "no JSON object"},
          {content("{\"reasoning\":\"r\"}"), "no score"},
          {content("{\"score\":\"high\"}"), "not a number"}
        }) {
      JudgeFailure f =
          catchThrowableOfType(JudgeFailure.class, () -> JudgeClient.read(c[0], NUMBER));
      assertThat(f.reason).isEqualTo(Reasons.UNPARSABLE);
      assertThat(f.retryable).isTrue();
      assertThat(f.getMessage()).contains(c[1]);
    }
    JudgeFailure f =
        catchThrowableOfType(
            JudgeFailure.class, () -> JudgeClient.read(content("{\"score\":\"ugly\"}"), LABEL));
    assertThat(f.getMessage()).contains("'ugly' is not one of the categories good, bad");
  }
}
