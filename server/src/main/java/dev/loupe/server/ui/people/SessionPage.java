package dev.loupe.server.ui.people;

import java.util.List;

/** One session as a conversation: its totals and its traces in time order, one turn each. */
public record SessionPage(
    String projectId,
    String sessionId,
    String tracesHref,
    long traces,
    String cost,
    long tokens,
    long errors,
    List<Turn> turns,
    dev.loupe.server.ui.scores.ScoresView scores) {

  /**
   * A trace as a turn: what the user said (its input) and the reply (its output), as text.
   *
   * @param inputIsJson whether {@code input} is pretty JSON rather than a message's text
   */
  public record Turn(
      String traceId,
      String href,
      String name,
      String time,
      String latency,
      String cost,
      String input,
      boolean inputIsJson,
      String output,
      boolean outputIsJson) {}
}
