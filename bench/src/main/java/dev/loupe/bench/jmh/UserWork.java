package dev.loupe.bench.jmh;

import java.util.List;
import java.util.Map;

/**
 * What the application does around one model call in the seed's {@code draft-reply} step, minus the
 * call itself: build the chat messages, then a fake response and its token counts. Every benchmark
 * does exactly this, so their difference is the SDK's cost.
 */
final class UserWork {
  static final String MODEL = "gpt-4o";
  private static final String SYSTEM = "You are a helpful support agent. Answer in two sentences.";

  private UserWork() {}

  /** The request for conversation turn {@code n} (varies so nothing is constant-folded). */
  static List<Map<String, String>> messages(int n) {
    return List.of(
        Map.of("role", "system", "content", SYSTEM),
        Map.of("role", "user", "content", "Where is my order #" + n + "?"));
  }

  /** The fake model's answer to {@code messages}. */
  static String reply(List<Map<String, String>> messages) {
    String question = messages.get(messages.size() - 1).get("content");
    return "Your order from \"" + question + "\" shipped yesterday and arrives on Friday.";
  }

  /** The fake model's token counts. */
  static Map<String, Integer> usage(String reply) {
    return Map.of("input", 42, "output", 17 + (reply.length() & 1));
  }
}
