package dev.loupe.ingest;

import dev.loupe.model.Bounds;
import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import java.util.List;

/**
 * The last check of every trace and observation either door (OTLP, the Langfuse batch API)
 * produces, before it leaves ingest: its values are within {@link Bounds}, and its text is
 * well-formed (see {@link WellFormedText}). What fails is that item's error; the rest of the
 * request is kept.
 */
public final class Admission {
  private Admission() {}

  /**
   * The observation, its text made well-formed.
   *
   * @throws IllegalArgumentException naming every field out of bounds and why ({@code startTime:
   *     0001-01-01T00:00:00Z is before 1970-01-01T00:00:00Z})
   */
  public static Observation observation(Observation o) {
    return observation(o, "");
  }

  /**
   * Like {@link #observation(Observation)}, each field named after {@code path} (the Langfuse batch
   * API names them {@code body.startTime}).
   */
  public static Observation observation(Observation o, String path) {
    check(Bounds.problems(o), path);
    return WellFormedText.of(o);
  }

  /** The trace, its text made well-formed; throws like {@link #observation}. */
  public static Trace trace(Trace t) {
    return trace(t, "");
  }

  /** Like {@link #trace(Trace)}, each field named after {@code path}. */
  public static Trace trace(Trace t, String path) {
    check(Bounds.problems(t), path);
    return WellFormedText.of(t);
  }

  /**
   * The observation as it is, for one whose every string was decoded from UTF-8 ({@link
   * dev.loupe.ingest.otlp.DecodedSpans#fromUtf8()}): its text is well-formed already, so only its
   * bounds are checked. Scanning every character for surrogates was 8% of an OTLP request's CPU.
   */
  public static Observation observationFromUtf8(Observation o) {
    check(Bounds.problems(o), "");
    return o;
  }

  /** The trace as it is, for one decoded from UTF-8: see {@link #observationFromUtf8}. */
  public static Trace traceFromUtf8(Trace t) {
    check(Bounds.problems(t), "");
    return t;
  }

  private static void check(List<String> problems, String path) {
    if (problems.isEmpty()) return;
    StringBuilder message = new StringBuilder();
    for (String p : problems) {
      if (!message.isEmpty()) message.append("; ");
      message.append(path).append(p);
    }
    throw new IllegalArgumentException(message.toString());
  }
}
