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
 * @param cost the total cost, short ({@link dev.loupe.server.ui.Formats#money})
 * @param costExact the total cost to the last digit, empty when {@code cost} is already exact
 * @param scores the trace's scores (its observations' marked) and the annotation form
 * @param orphans observations whose parent has not arrived (they are shown at the top level)
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
    String costExact,
    IoView input,
    IoView output,
    String metadata,
    int observationCount,
    String treeJson,
    long spanMicros,
    int orphans,
    dev.loupe.server.ui.scores.ScoresView scores) {
  public TracePage {
    tags = List.copyOf(tags);
  }

  /** The trace's own input, output and metadata as JSON (the panel's JSON view and copy). */
  public String rawHref() {
    return TracePages.LIST + "/" + dev.loupe.server.ui.Formats.pathSegment(id) + "/raw";
  }

  /** The heading: the trace's name, else its id. */
  public String title() {
    return name.isEmpty() ? id : name;
  }
}
