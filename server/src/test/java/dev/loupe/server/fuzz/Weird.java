package dev.loupe.server.fuzz;

import static dev.loupe.server.fuzz.Valid.pick;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.loupe.model.Json;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The catalogue of bad values: wrong types, numbers no type holds ({@code 1e400}), absurd times
 * ({@code +999999999-12-31T23:59:59Z}, {@code 0001-01-01}), bad ids, lone surrogates, huge strings,
 * deep nesting. Each comes with how to show it in a report.
 */
final class Weird {
  private Weird() {}

  /** A value for a JSON tree and its text for the report. */
  record W(JsonNode node, String shown) {}

  /** Valid JSON text as a tree value. */
  static W lit(String json) {
    return new W(Json.parse(json), abbreviate(json));
  }

  static W raw(RawJson raw, String text) {
    return new W(raw.raw(text), abbreviate(text));
  }

  static W text(String value) {
    return new W(TextNode.valueOf(value), abbreviate("\"" + value + "\""));
  }

  static final List<String> ABSURD_TIMES =
      List.of(
          "+999999999-12-31T23:59:59Z",
          "0001-01-01T00:00:00Z",
          "-999999999-01-01T00:00:00Z",
          "9999-12-31T23:59:59.999999999Z",
          "1970-01-01T00:00:00Z",
          "2026-13-45T99:99:99Z",
          "not a date",
          "",
          "2026-11-01T00:00:00+25:00",
          "2026-11-01");

  static final List<String> HUGE_NUMBERS =
      List.of(
          "1e400",
          "-1e400",
          "1e30",
          "9223372036854775808",
          "-9223372036854775809",
          "18446744073709551616",
          "123456789012345678901234567890.5",
          "0.00000000000000000001",
          "-0.0",
          "1.5e18");

  static W timeNanos(Random r, RawJson raw) {
    return switch (r.nextInt(4)) {
      case 0 -> raw(raw, pick(r, HUGE_NUMBERS));
      case 1 ->
          text(
              pick(
                  r,
                  List.of(
                      "0",
                      "-1",
                      "18446744073709551615",
                      "99999999999999999999999999",
                      "253402300800000000000",
                      "-62135596800000000000",
                      "9223372036854775807",
                      "abc",
                      "",
                      "1.5",
                      "0x10")));
      case 2 -> lit(pick(r, List.of("{}", "[]", "true", "null", "[1]", "{\"n\":1}")));
      default -> text(pick(r, ABSURD_TIMES));
    };
  }

  static W id(Random r, RawJson raw) {
    return switch (r.nextInt(3)) {
      case 0 ->
          text(
              pick(
                  r,
                  List.of(
                      "",
                      "zz",
                      "abc",
                      "0000000000000000",
                      "00000000000000000000000000000000",
                      "ZZZZZZZZZZZZZZZZ",
                      "AAECAwQFBgc=",
                      "a56b235bb1adc26bf80e9bd9dda3a528a56b235bb1adc26bf80e9bd9dda3a528",
                      " 7043d195c8695633 ")));
      case 1 -> lit(pick(r, List.of("12345", "{}", "[]", "true", "-1")));
      default -> r.nextBoolean() ? text("f".repeat(100_000)) : raw(raw, "\"\\ud800\"");
    };
  }

  static W text(Random r, RawJson raw) {
    return switch (r.nextInt(4)) {
      case 0 -> text(huge(r));
      case 1 -> lit(pick(r, List.of("5", "{}", "[]", "null", "1e3", "false")));
      case 2 -> raw(raw, pick(r, List.of("\"\\ud800\"", "\"\\udc00\\ud800x\"", "\"a\\u0000b\"")));
      default -> text(pick(r, List.of("", " ", "\u0000", "🦜 parrot", "é".repeat(50_000))));
    };
  }

  static W anyValue(Random r, RawJson raw) {
    return r.nextInt(4) == 0
        ? raw(raw, pick(r, HUGE_NUMBERS))
        : lit(
            pick(
                r,
                List.of(
                    "99",
                    "-1",
                    "\"x\"",
                    "{}",
                    "[]",
                    "[5]",
                    "\"SPAN_KIND_SERVER\"",
                    "{\"code\": 99}",
                    "{\"code\": \"x\"}",
                    "[{\"name\": 5, \"timeUnixNano\": \"abc\"}]",
                    "[{\"traceId\": \"zz\", \"spanId\": 7}]",
                    "[{\"key\": 5}]",
                    "[null]",
                    "true",
                    "null")));
  }

  /** A Langfuse or GenAI attribute whose string value is bad in content. */
  static Map.Entry<String, String> attributeText(Random r) {
    String key =
        pick(
            r,
            List.of(
                "langfuse.observation.usage_details",
                "langfuse.observation.cost_details",
                "langfuse.observation.completion_start_time",
                "langfuse.observation.model.parameters",
                "langfuse.observation.metadata",
                "langfuse.observation.level",
                "langfuse.observation.type",
                "langfuse.trace.tags",
                "langfuse.observation.input"));
    String value =
        switch (key) {
          case "langfuse.observation.usage_details" ->
              pick(
                  r,
                  List.of(
                      "{\"input\": 1e400}",
                      "{\"input\": -5}",
                      "{\"input\": 1e30}",
                      "{\"input\": \"x\"}",
                      "{\"input\": 1.5}",
                      "{\"input\": 9223372036854775808}",
                      "{\"input\": 9223372036854775807, \"output\": 9223372036854775807}",
                      "not json",
                      "[1, 2]"));
          case "langfuse.observation.cost_details" ->
              pick(
                  r,
                  List.of(
                      "{\"total\": 1e30}",
                      "{\"total\": 1e400}",
                      "{\"total\": -1}",
                      "{\"total\": 0.0000000000000001}",
                      "{\"input\": 123456789.123456789, \"output\": 1e7}",
                      "{\"total\": \"NaN\"}"));
          case "langfuse.observation.completion_start_time" -> pick(r, ABSURD_TIMES);
          case "langfuse.observation.model.parameters" ->
              pick(r, List.of("{\"temperature\": 1e400}", "[]", "{", RawJson.nestedObjects(300)));
          case "langfuse.observation.level", "langfuse.observation.type" ->
              pick(r, List.of("NOPE", "", "🦜", "x".repeat(10_000)));
          default -> pick(r, List.of("not-json", "{", RawJson.nestedArrays(300), huge(r)));
        };
    return Map.entry(key, value);
  }

  /** An OTLP {@code AnyValue} that is wrong for its kind. */
  static W typedValue(Random r, RawJson raw) {
    return switch (r.nextInt(3)) {
      case 0 ->
          raw(
              raw,
              pick(
                  r,
                  List.of(
                      "{\"intValue\": 1e400}",
                      "{\"doubleValue\": 1e400}",
                      "{\"doubleValue\": -1e400}",
                      "{\"intValue\": 99999999999999999999}")));
      default ->
          lit(
              pick(
                  r,
                  List.of(
                      "{\"intValue\": \"9223372036854775807\"}",
                      "{\"intValue\": \"-9223372036854775808\"}",
                      "{\"intValue\": \"-5\"}",
                      "{\"intValue\": \"99999999999999999999\"}",
                      "{\"intValue\": \"abc\"}",
                      "{\"intValue\": 1.5}",
                      "{\"doubleValue\": \"NaN\"}",
                      "{\"doubleValue\": \"Infinity\"}",
                      "{\"boolValue\": \"yes\"}",
                      "{\"bytesValue\": \"!!!\"}",
                      "{}",
                      "{\"stringValue\": 5}",
                      "{\"arrayValue\": {\"values\": \"x\"}}",
                      "{\"kvlistValue\": {\"values\": [{\"key\": 5}]}}")));
    };
  }

  /** {@code depth} nested OTLP key-value lists. */
  static String nestedKvlist(int depth) {
    return "{\"kvlistValue\":{\"values\":[{\"key\":\"k\",\"value\":".repeat(depth)
        + "{\"stringValue\":\"x\"}"
        + "}]}}".repeat(depth);
  }

  /** {@code depth} nested OTLP arrays. */
  static String nestedArrayValue(int depth) {
    return "{\"arrayValue\":{\"values\":[".repeat(depth)
        + "{\"stringValue\":\"x\"}"
        + "]}}".repeat(depth);
  }

  /**
   * 64 KiB to 1 MiB, mostly small: large enough for every path that copies a string, few enough
   * that a run's data stays within the memory bound.
   */
  static String huge(Random r) {
    return "x"
        .repeat(r.nextInt(8) == 0 ? (256 + r.nextInt(768)) * 1024 : (64 + r.nextInt(64)) * 1024);
  }

  static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 40) + "...(" + s.length() + " chars)";
  }
}
