package dev.loupe.ingest.convention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.loupe.model.Json;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one-pass check says "one JSON value" exactly when the server's Jackson parser reads one whole
 * value: on hand-picked edges and on many thousands of generated and damaged texts.
 */
class JsonCheckTest {
  /** What the check replaces: a Jackson parse of one value, then nothing. */
  static boolean jackson(String s) {
    try (JsonParser p = Json.MAPPER.getFactory().createParser(s)) {
      JsonToken t = p.nextToken();
      if (t == null) return false;
      if (t.isStructStart()) p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "-0",
        "-0.0",
        "1e5",
        "1E+5",
        "2.5e-3",
        "123",
        "true",
        "false",
        "null",
        "\"\"",
        "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\"",
        "{}",
        "[]",
        " [ 1 , 2 ] ",
        "{\"a\":{\"b\":[1,{\"c\":null}]},\"d\":\"x\"}",
        "[[[]]]",
        "\"\u007f\u00e9\u4e2d\"",
        "{\"\":\"\"}",
        "\t\r\n1\n"
      })
  void acceptsJson(String s) {
    assertThat(JsonCheck.isOneValue(s)).as(s).isTrue();
    assertThat(jackson(s)).as(s).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "01",
        "-",
        "+1",
        ".5",
        "1.",
        "1e",
        "1e+",
        "0x10",
        "1.5.3",
        "NaN",
        "Infinity",
        "tru",
        "trueX",
        "nul",
        "\"abc",
        "\"\\x\"",
        "\"\\u12G4\"",
        "\"\\u12\"",
        "\"a\nb\"",
        "\"\u0000\"",
        "{",
        "}",
        "[",
        "[1,]",
        "[,1]",
        "{\"a\"}",
        "{\"a\":}",
        "{\"a\":1,}",
        "{a:1}",
        "{'a':1}",
        "[1 2]",
        "1 2",
        "{}{}",
        "[]]",
        "[}",
        "{]",
        "12abc",
        "[1x]",
        "\"a\" \"b\"",
        "// c\n1",
        "\u00a01",
        "{\"a\":1 \"b\":2}"
      })
  void refusesWhatIsNotOneValue(String s) {
    assertThat(JsonCheck.isOneValue(s)).as(s).isFalse();
    assertThat(jackson(s)).as(s).isFalse();
  }

  @Test
  void nestingAndDigitsStopWhereTheParsersLimitsDo() {
    int depth = Json.MAPPER.getFactory().streamReadConstraints().getMaxNestingDepth();
    int digits = Json.MAPPER.getFactory().streamReadConstraints().getMaxNumberLength();
    for (int d : new int[] {depth - 1, depth, depth + 1, 64, 65, 128}) {
      String s = "[".repeat(d) + "]".repeat(d);
      String o = "{\"k\":".repeat(d - 1) + "{}" + "}".repeat(d - 1);
      assertThat(JsonCheck.isOneValue(s)).as("depth %d", d).isEqualTo(jackson(s));
      assertThat(JsonCheck.isOneValue(o)).as("object depth %d", d).isEqualTo(jackson(o));
    }
    assertThat(JsonCheck.isOneValue("[".repeat(depth + 1) + "]".repeat(depth + 1))).isFalse();
    for (int n : new int[] {digits - 1, digits, digits + 1}) {
      String i = "1".repeat(n), f = "1." + "2".repeat(n - 1), e = "1.5e" + "3".repeat(n - 2);
      for (String s : new String[] {i, "[" + i + "]", "[" + f + "]", "-" + i})
        assertThat(JsonCheck.isOneValue(s)).as("%d digits: %.20s", n, s).isEqualTo(jackson(s));
      // Jackson counts a fraction's or exponent's digits differently at the top level than inside
      // a container; the check counts all digits everywhere: at the limit it may be stricter, it is
      // never looser (what it accepts, Jackson reads)
      for (String s : new String[] {f, e, "[" + e + "]"})
        if (JsonCheck.isOneValue(s)) assertThat(jackson(s)).as("%d digits: %.20s", n, s).isTrue();
    }
  }

  @Test
  void agreesWithJacksonOnGeneratedAndDamagedTexts() {
    Random random = new Random(20261204);
    String alphabet = "{}[]:,\"\\ 0123456789.-+eEtrufalsn\u00e9\n\tx/u";
    int valid = 0;
    for (int i = 0; i < 60_000; i++) {
      StringBuilder sb = new StringBuilder();
      value(random, sb, 0);
      int damage = random.nextInt(4);
      for (int d = 0; d < damage && !sb.isEmpty(); d++) {
        int at = random.nextInt(sb.length() + 1);
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
          case 0 -> sb.insert(at, c);
          case 1 -> sb.deleteCharAt(Math.min(at, sb.length() - 1));
          default -> sb.setCharAt(Math.min(at, sb.length() - 1), c);
        }
      }
      String s = sb.toString();
      boolean expected = jackson(s);
      assertThat(JsonCheck.isOneValue(s)).as("%s", s).isEqualTo(expected);
      if (expected) {
        valid++;
        String compact = Values.withoutSpace(s);
        assertThat(JsonCheck.check(s))
            .as("%s", s)
            .isEqualTo(compact == s ? JsonCheck.COMPACT : JsonCheck.SPACED);
        assertThat(Values.parse(compact)).as("%s", s).isEqualTo(Values.parse(s));
      }
    }
    assertThat(valid).as("both kinds are exercised").isBetween(15_000, 50_000);
  }

  @Test
  void saysWhetherThereIsSpaceToTakeOut() {
    assertThat(JsonCheck.check("{\"a\":[1,\"b c\"]}")).isEqualTo(JsonCheck.COMPACT);
    assertThat(JsonCheck.check(" 1")).isEqualTo(JsonCheck.SPACED);
    assertThat(JsonCheck.check("[1, 2]")).isEqualTo(JsonCheck.SPACED);
    assertThat(JsonCheck.check("{\"a\" :1}")).isEqualTo(JsonCheck.SPACED);
    assertThat(JsonCheck.check("[1 2]")).isEqualTo(JsonCheck.NOT_JSON);
    String text = "x".repeat(1_000);
    for (int at : new int[] {0, 31, 32, 255, 256, 257, 999}) {
      String control = "\"" + text.substring(0, at) + "\t" + text.substring(at) + "\"";
      String escaped = "\"" + text.substring(0, at) + "\\t" + text.substring(at) + "\"";
      assertThat(JsonCheck.check(control)).as("raw tab at %d", at).isEqualTo(JsonCheck.NOT_JSON);
      assertThat(JsonCheck.check(escaped)).as("escaped tab at %d", at).isEqualTo(JsonCheck.COMPACT);
    }
  }

  private static void value(Random r, StringBuilder sb, int depth) {
    int kind = depth > 4 ? 2 + r.nextInt(4) : r.nextInt(6);
    switch (kind) {
      case 0 -> {
        sb.append('{');
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          if (i > 0) sb.append(r.nextInt(8) == 0 ? ", " : ",");
          string(r, sb);
          sb.append(':');
          value(r, sb, depth + 1);
        }
        sb.append('}');
      }
      case 1 -> {
        sb.append('[');
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          if (i > 0) sb.append(',');
          value(r, sb, depth + 1);
        }
        sb.append(']');
      }
      case 2 -> string(r, sb);
      case 3 -> {
        if (r.nextBoolean()) sb.append('-');
        sb.append(r.nextInt(3) == 0 ? "0" : Long.toString(r.nextLong(1, 1_000_000)));
        if (r.nextBoolean()) sb.append('.').append(r.nextInt(1000));
        if (r.nextInt(4) == 0) sb.append(r.nextBoolean() ? "e" : "E-").append(r.nextInt(30));
      }
      case 4 -> sb.append(new String[] {"true", "false", "null"}[r.nextInt(3)]);
      default -> sb.append("\"tool \\\"x\\\" \\u00e9\\n\"");
    }
  }

  /** Mostly short strings; one in eight long (checked in chunks), rarely with a raw control. */
  private static void string(Random r, StringBuilder sb) {
    sb.append('"');
    boolean text = r.nextInt(8) == 0;
    int n = text ? r.nextInt(700) : r.nextInt(6);
    for (int i = 0; i < n; i++) {
      if (text && r.nextInt(2_000) == 0) sb.append('\u0001');
      else if (text && r.nextInt(100) == 0) sb.append(r.nextBoolean() ? "\\\"" : "\\n");
      else sb.append("ab é/\\\\".charAt(r.nextInt(text ? 5 : 7)));
    }
    sb.append('"');
  }
}
