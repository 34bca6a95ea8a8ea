package dev.loupe.bench;

import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.storage.WriteBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One long agent run for the UI bench's trace page: a root SPAN, a few hundred step SPANs under it
 * ({@value #CHILDREN_PER_STEP} children each on average) and under every step its GENERATIONs (some
 * failing, as the models' error shares draw) and, every fourth child, a TOOL call. A step runs up
 * to {@value #LANES} children at a time, so the run lasts minutes, not hours. Ids come from {@link
 * Ids} with negative indexes, so they never collide with the analytics data of the same seed.
 *
 * @param observations observations in all (at least 3: root, one step, one child)
 * @param start when the run starts
 */
record BigTrace(int observations, long seed, Instant start) {
  static final int CHILDREN_PER_STEP = 32;
  static final int LANES = 8;
  static final String NAME = "deep-research-agent";
  private static final String[] TOOLS = {"search_web", "read_page", "run_python", "query_db"};
  private static final String[] QUESTIONS = {
    "Compare the pricing pages of the top five vendors.",
    "Which of the sources contradicts the others, and why?",
    "Extract every table of the report into CSV.",
  };
  private static final String[] ANSWERS = {
    "Three vendors price per seat, two per request.",
    "Source 4 uses 2023 figures; the rest use 2025.",
    "Done: 6 tables, 212 rows.",
  };

  BigTrace {
    if (observations < 3)
      throw new IllegalArgumentException("the big trace needs >= 3 observations");
  }

  /** The trace id: index -1 of the seed's id space (the analytics traces use 0..n-1). */
  String traceId() {
    return Ids.traceId(seed, -1);
  }

  /** Id of observation {@code i} (0 is the root). */
  String observationId(int i) {
    return Ids.spanId(seed, -1L - i, 0);
  }

  /** Step spans under the root: a few hundred for 10,000 observations. */
  int steps() {
    return Math.max(1, (observations - 1) / (CHILDREN_PER_STEP + 1));
  }

  WriteBatch batch() {
    SplittableRandom r = new SplittableRandom(Ids.mix(seed ^ 0xB16_7ACEL));
    String p = AnalyticsDataset.PROJECT_ID;
    String traceId = traceId();
    String root = observationId(0);
    ModelCatalog catalog = new ModelCatalog(8);
    GenerationFactory generations = new GenerationFactory(QUESTIONS, ANSWERS);
    int steps = steps();
    int children = observations - 1 - steps;
    List<Observation> out = new ArrayList<>(observations);
    int next = 1;
    Instant t = start.plusMillis(5);
    for (int s = 0; s < steps; s++) {
      String step = observationId(next++);
      Instant stepStart = t;
      // children spread evenly; the first steps take the remainder
      int mine = children / steps + (s < children % steps ? 1 : 0);
      Instant[] lanes = new Instant[LANES];
      java.util.Arrays.fill(lanes, stepStart.plusMillis(1));
      Instant stepEnd = stepStart.plusMillis(2);
      for (int c = 0; c < mine; c++) {
        int lane = c % LANES;
        Instant at = lanes[lane];
        Observation o;
        if (c % 4 == 3) {
          String tool = TOOLS[r.nextInt(TOOLS.length)];
          o =
              Observation.builder(p, observationId(next++), traceId, at)
                  .parentObservationId(step)
                  .type(ObservationType.TOOL)
                  .name(tool)
                  .endTime(at.plusMillis(30 + r.nextInt(900)))
                  .input("{\"step\":" + s + ",\"arg\":\"" + tool + "-" + c + "\"}")
                  .output("{\"ok\":true,\"bytes\":" + r.nextInt(50_000) + "}")
                  .environment("production")
                  .build();
        } else {
          o = generations.next(r, observationId(next++), traceId, step, at, catalog.pick(r));
        }
        out.add(o);
        lanes[lane] = o.endTime().plusMillis(1 + r.nextInt(5));
        if (lanes[lane].isAfter(stepEnd)) stepEnd = lanes[lane];
      }
      out.add(
          Observation.builder(p, step, traceId, stepStart)
              .parentObservationId(root)
              .type(ObservationType.SPAN)
              .name("step-" + s)
              .endTime(stepEnd.plusMillis(1))
              .environment("production")
              .build());
      t = stepEnd.plusMillis(2 + r.nextInt(20));
    }
    out.add(
        Observation.builder(p, root, traceId, start)
            .type(ObservationType.SPAN)
            .name(NAME)
            .endTime(t)
            .level(Level.DEFAULT)
            .environment("production")
            .build());
    Trace trace =
        Trace.builder(p, traceId, start)
            .name(NAME)
            .userId("user-0")
            .sessionId("session-0")
            .tags(List.of("bench", "big-trace"))
            .input("{\"task\":\"Research the vendors and write a comparison.\"}")
            .output("{\"report\":\"" + observations + " observations later: done.\"}")
            .environment("production")
            .release("v1.0")
            .build();
    return WriteBatch.of(List.of(trace), out);
  }
}
