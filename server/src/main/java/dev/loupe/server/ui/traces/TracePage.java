package dev.loupe.server.ui.traces;

import java.util.List;

/**
 * One trace: its facts, its own input/output, and the observation tree as compact rows for the page
 * script (see {@link TraceTree}). All values are display text; empty when unknown.
 *
 * @param userHref the traces list filtered to this user, empty without a user
 * @param sessionHref the session's page, empty without a session
 * @param treeJson the tree rows, {@link TraceTree#json()}
 * @param spanMicros the timeline's length: first observation start to last end
 */
public record TracePage(
    String projectId,
    String id,
    String name,
    String time,
    String userId,
    String userHref,
    String sessionId,
    String sessionHref,
    List<String> tags,
    String environment,
    String release,
    String version,
    String latency,
    String cost,
    IoView input,
    IoView output,
    String metadata,
    int observationCount,
    String treeJson,
    long spanMicros) {
  public TracePage {
    tags = List.copyOf(tags);
  }

  /** The heading: the trace's name, else its id. */
  public String title() {
    return name.isEmpty() ? id : name;
  }
}
