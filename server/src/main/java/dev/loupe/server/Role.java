package dev.loupe.server;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a node does ({@code LOUPE_ROLES}, a comma-separated list; default all). Nodes that share a
 * store and a Kafka ingest log may split the work; one node may do everything.
 */
public enum Role {
  /** Takes OTLP and Langfuse batch ingest (and opens the OTLP/HTTP port). */
  INGEST,
  /**
   * Runs an applier of the ingest log (a member of the Kafka consumer group), alerts, evaluators.
   */
  APPLY,
  /** Answers the public read and management API. */
  QUERY,
  /** Serves the web UI. */
  UI;

  public static Set<Role> all() {
    return EnumSet.allOf(Role.class);
  }

  /**
   * Reads {@code ingest,apply,query,ui} (any subset, any order, any case).
   *
   * @throws IllegalArgumentException naming LOUPE_ROLES and the unknown or missing part
   */
  public static Set<Role> parse(String value) {
    Set<Role> out = EnumSet.noneOf(Role.class);
    for (String part : value.split(",")) {
      String p = part.strip().toLowerCase(Locale.ROOT);
      if (p.isEmpty()) continue;
      try {
        out.add(Role.valueOf(p.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "LOUPE_ROLES must list ingest, apply, query or ui, separated by commas: unknown '"
                + p
                + "' in "
                + value,
            e);
      }
    }
    if (out.isEmpty()) throw new IllegalArgumentException("LOUPE_ROLES names no role: " + value);
    return out;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
