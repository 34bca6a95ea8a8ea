package dev.loupe.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Pattern;

/** Runs a {@link CodeCheck} on a target: 1 with why it passed, or 0 with why it failed. */
final class CodeChecks {
  private CodeChecks() {}

  static Verdict run(CodeCheck check, TargetView target) throws NoMatch {
    return switch (check.kind()) {
      case JSON_VALID -> jsonValid(check, target);
      case REGEX -> {
        String text = text(check, target);
        boolean found = Pattern.compile(check.pattern()).matcher(text).find();
        yield verdict(found, (found ? "matches /" : "does not match /") + check.pattern() + "/");
      }
      case CONTAINS, NOT_CONTAINS -> {
        boolean contains = text(check, target).contains(check.pattern());
        yield verdict(
            contains == (check.kind() == CodeCheck.Kind.CONTAINS),
            (contains ? "contains " : "does not contain ") + Json.quote(check.pattern()));
      }
      case LENGTH -> {
        String text = text(check, target);
        int length = text.codePointCount(0, text.length());
        yield within(check, length, check.source().wire() + " length " + length + " characters");
      }
      case LATENCY -> {
        Duration d = target.latency();
        if (d == null) throw new NoMatch("latency: the target has no observations to time");
        double seconds = d.toNanos() / 1e9;
        yield within(check, seconds, "latency " + seconds + " s");
      }
      case COST -> {
        BigDecimal cost = target.cost();
        yield within(check, cost.doubleValue(), "cost " + cost.toPlainString() + " USD");
      }
      case TOOL_CALL -> toolCall(check, target);
    };
  }

  private static Verdict jsonValid(CodeCheck check, TargetView target) throws NoMatch {
    JsonNode node = node(check, target);
    if (node.isObject() || node.isArray()) return verdict(true, "is JSON");
    if (node.isTextual()) {
      String s = node.asText().strip();
      try {
        JsonNode inner = Json.MAPPER.readTree(s);
        if (inner != null && (inner.isObject() || inner.isArray()))
          return verdict(true, "is a string holding JSON");
      } catch (Exception e) {
        return verdict(false, "is not JSON: " + firstLine(e.getMessage()));
      }
    }
    return verdict(false, "is not a JSON object or array");
  }

  private static Verdict toolCall(CodeCheck check, TargetView target) {
    int n = 0;
    for (JsonNode call : target.toolCalls()) {
      String name = call.has("name") ? call.get("name").asText() : nameOf(call);
      if (check.pattern() == null || Pattern.compile(check.pattern()).matcher(name).find()) n++;
    }
    String what =
        check.pattern() == null ? "tool calls" : "tool calls matching /" + check.pattern() + "/";
    return verdict(n > 0, n + " " + what);
  }

  private static String nameOf(JsonNode call) {
    JsonNode f = call.get("function");
    return f != null && f.has("name") ? f.get("name").asText() : "";
  }

  private static Verdict within(CodeCheck check, double value, String what) {
    if (check.min() != null && value < check.min())
      return verdict(false, what + " is below the minimum " + check.min());
    if (check.max() != null && value > check.max())
      return verdict(false, what + " is above the maximum " + check.max());
    return verdict(true, what + " is within bounds");
  }

  private static JsonNode node(CodeCheck check, TargetView target) throws NoMatch {
    JsonNode node =
        target.node(
            check.source(),
            check.jsonPath() == null ? null : JsonPath.parse("check.jsonPath", check.jsonPath()));
    if (node == null || node.isNull())
      throw new NoMatch(
          check.source().wire()
              + (check.jsonPath() == null ? "" : " at " + check.jsonPath())
              + ": the target has none");
    return node;
  }

  private static String text(CodeCheck check, TargetView target) throws NoMatch {
    return TargetView.asText(node(check, target));
  }

  private static Verdict verdict(boolean pass, String why) {
    return new Verdict(pass ? 1.0 : 0.0, null, (pass ? "passed: " : "failed: ") + why);
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
