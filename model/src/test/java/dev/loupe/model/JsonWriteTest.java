package dev.loupe.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.util.RawValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Json#write} and {@link Json#quote} give exactly the text {@link Json#MAPPER} gives, on
 * generated strings (control characters, quotes, backslashes, slashes, non-ASCII, surrogates) and
 * generated value trees (every number type and edge value, Jackson trees, raw values, nesting).
 */
class JsonWriteTest {
  private final SplittableRandom random = new SplittableRandom(20261206);

  @Test
  void quote_isJacksonsStringLiteral_onGeneratedStrings() throws JsonProcessingException {
    for (int i = 0; i < 20_000; i++) {
      String s = RandomJson.string(random, i % 10 == 0 ? 600 : 40);
      assertThat(Json.quote(s)).isEqualTo(Json.MAPPER.writeValueAsString(s));
      assertThat(Json.write(s)).isEqualTo(Json.MAPPER.writeValueAsString(s));
    }
  }

  @Test
  void quote_escapesEveryControlCharacter_andNothingElseBelowU0100() throws Exception {
    for (char c = 0; c < 0x100; c++) {
      String s = "ab" + c + "cd" + "x".repeat(c % 2 == 0 ? 40 : 0) + c;
      assertThat(Json.quote(s)).as("U+%04X", (int) c).isEqualTo(Json.MAPPER.writeValueAsString(s));
    }
    assertThat(Json.quote("a/b\u2028\u00e9\"\\\n\u001f"))
        .isEqualTo("\"a/b\u2028\u00e9\\\"\\\\\\n\\u001F\"");
  }

  @Test
  void write_isJacksonsText_onGeneratedTrees() throws JsonProcessingException {
    for (int i = 0; i < 20_000; i++) {
      Object tree = RandomJson.tree(random, 4);
      assertThat(Json.write(tree)).isEqualTo(Json.MAPPER.writeValueAsString(tree));
    }
  }

  @Test
  void write_isJacksonsText_onParsedTrees() throws JsonProcessingException {
    var decimals = Json.MAPPER.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    for (int i = 0; i < 5_000; i++) {
      String text = Json.MAPPER.writeValueAsString(RandomJson.tree(random, 4));
      for (var tree : List.of(Json.MAPPER.readTree(text), decimals.readTree(text))) {
        assertThat(Json.write(tree)).isEqualTo(Json.MAPPER.writeValueAsString(tree));
        Map<String, Object> wrapped = Map.of("k", tree);
        assertThat(Json.write(wrapped)).isEqualTo(Json.MAPPER.writeValueAsString(wrapped));
      }
    }
  }

  @Test
  void write_isJacksonsText_onDeepTrees_andValuesItLeavesToJackson() throws Exception {
    for (int depth : new int[] {CompactJson.MAX_DEPTH - 1, CompactJson.MAX_DEPTH + 5, 400}) {
      Object deep = "leaf";
      for (int i = 0; i < depth; i++) deep = i % 2 == 0 ? List.of(deep) : Map.of("k", deep);
      assertThat(Json.write(deep)).isEqualTo(Json.MAPPER.writeValueAsString(deep));
    }
    Map<String, Object> other = new LinkedHashMap<>();
    other.put("bytes", new byte[] {1, 2, 3});
    other.put("short", (short) 7);
    other.put("raw", new RawValue("{\"x\":1}"));
    other.put("node", Json.MAPPER.getNodeFactory().binaryNode(new byte[] {9}));
    other.put("record", new Point(1, 2));
    for (Object v : List.of(other, List.of(other), new Point(3, 4), 42L, 1.5, true)) {
      assertThat(Json.write(v)).isEqualTo(Json.MAPPER.writeValueAsString(v));
    }
  }

  @Test
  void write_rejectsANullMapKey_asJacksonDoes() {
    Map<String, Object> m = new HashMap<>();
    m.put(null, 1);
    assertThatThrownBy(() -> Json.write(m)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.write(new ArrayList<>(List.of(m))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  record Point(int x, int y) {}
}
