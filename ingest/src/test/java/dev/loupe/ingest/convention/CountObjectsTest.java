package dev.loupe.ingest.convention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link Values#parse} gives the tree Jackson gives (same text, same node classes, or null for
 * both) on usage-like objects and on near misses of them: whitespace, signs, leading zeros,
 * fractions, long numbers, escapes, non-ASCII keys, duplicate keys, trailing text, truncation.
 */
class CountObjectsTest {
  private static final String MUTATIONS = "{}\":,0123456789-.eE \\\tu\u00e9a[]n";

  private final SplittableRandom random = new SplittableRandom(8259);

  @Test
  void parse_isJacksonsTree_onCountObjectsAndNearMisses() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      String object = countObject();
      texts.add(object);
      texts.add(mutated(object));
      texts.add(mutated(mutated(object)));
    }
    texts.addAll(
        List.of(
            "{\"input\":0}",
            "{\"input\":00}",
            "{\"input\":-0}",
            "{\"input\":999999999}",
            "{\"input\":1000000000}",
            "{\"input\":2147483648}",
            "{\"a\":1,\"a\":2}",
            "{\"\":1}",
            "{\"a\":1}x",
            "{\"a\":1} ",
            " {\"a\":1}",
            "{\"a\":1,}",
            "{}",
            "{\"a\":1.0}",
            "{\"a\":1e2}",
            "{\"a\\u0041\":1}",
            "{\"a\":1}}",
            "{\"a\":\"1\"}",
            "{\"a\":true}"));
    for (String text : texts) {
      assertThat(outcome(text, Values::parse))
          .as(text)
          .isEqualTo(outcome(text, Values::parseWithJackson));
    }
  }

  /** The tree's text and node classes, "null", or the exception's class (Jackson throws some). */
  private static String outcome(String text, Function<String, JsonNode> parse) {
    try {
      JsonNode node = parse.apply(text);
      return node == null ? "null" : Json.write(node) + " " + classes(node);
    } catch (RuntimeException e) {
      return e.getClass().getName();
    }
  }

  private String countObject() {
    StringBuilder s = new StringBuilder("{");
    int members = 1 + random.nextInt(6);
    for (int i = 0; i < members; i++) {
      if (i > 0) s.append(',');
      s.append('"');
      int keyLength = random.nextInt(14);
      for (int k = 0; k < keyLength; k++) s.append((char) (0x20 + random.nextInt(0x5f)));
      s.append("\":");
      s.append(
          random.nextInt(4) == 0 ? random.nextLong() >>> random.nextInt(64) : random.nextInt(5000));
    }
    return s.append('}').toString();
  }

  private String mutated(String s) {
    int at = random.nextInt(s.length() + 1);
    String c = String.valueOf(MUTATIONS.charAt(random.nextInt(MUTATIONS.length())));
    return switch (random.nextInt(3)) {
      case 0 -> s.substring(0, at) + c + s.substring(at);
      case 1 -> at < s.length() ? s.substring(0, at) + s.substring(at + 1) : s;
      default -> at < s.length() ? s.substring(0, at) + c + s.substring(at + 1) : s + c;
    };
  }

  /** The node classes in document order. */
  private static List<Class<?>> classes(JsonNode node) {
    List<Class<?>> out = new ArrayList<>();
    out.add(node.getClass());
    for (Map.Entry<String, JsonNode> member : node.properties()) {
      out.addAll(classes(member.getValue()));
    }
    if (node.isArray()) for (JsonNode element : node) out.addAll(classes(element));
    return out;
  }
}
