package dev.loupe.server.ui;

import java.util.List;

/**
 * One observation as the trace page shows it: the tree row and its details block. All values are
 * display text.
 *
 * @param costNote "no price" when the model has no price, else empty
 */
public record ObservationView(
    String id,
    String type,
    String name,
    String level,
    boolean error,
    String latency,
    String model,
    String tokens,
    String cost,
    String costNote,
    String statusMessage,
    String input,
    String output,
    List<Entry> usage,
    List<Entry> costs,
    List<Entry> mappingNotes) {

  /** A labelled value. */
  public record Entry(String key, String value) {}
}
