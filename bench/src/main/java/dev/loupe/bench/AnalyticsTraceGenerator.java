package dev.loupe.bench;

import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.storage.WriteBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Agent traces as stored rows for the analytics bench: per trace a root SPAN, {@value
 * AnalyticsDataset#GENERATIONS_PER_TRACE} GENERATIONs (model, usage, calculated cost, latency,
 * mostly streamed) and one TOOL call, for a user (some users are far busier than others) and one of
 * that user's sessions. A block of traces depends only on the seed and its first index, so any
 * number of threads produce the same data.
 */
final class AnalyticsTraceGenerator {
  static final int ROWS_PER_TRACE = 2 + AnalyticsDataset.GENERATIONS_PER_TRACE + 1; // + trace row
  private static final String[] TRACE_NAMES = {
    "support-agent", "rag-answer", "ticket-triage", "code-review", "sql-assistant", "summarize-doc"
  };
  private static final String[] TOOLS = {"search_docs", "lookup_order", "run_sql", "fetch_url"};
  private static final String[] QUESTIONS = {
    "Where is my order? It was due on Monday.",
    "How do I rotate my API key without downtime?",
    "Summarize the attached incident report in 3 bullets.",
    "Why does the nightly export fail with a timeout?",
    "Can I get a refund for the duplicate charge?",
    "Write a SQL query for weekly active users.",
  };
  private static final String[] ANSWERS = {
    "Your order shipped yesterday and arrives Thursday.",
    "Create a second key, deploy it, then revoke the old one.",
    "Outage 14:02-14:31; cause: bad config; fix: rollback.",
    "The export query scans all rows; add a date filter.",
  };

  private final AnalyticsDataset dataset;
  private final ModelCatalog catalog;
  private final TrafficShape shape;
  private final GenerationFactory generations;

  AnalyticsTraceGenerator(AnalyticsDataset dataset) {
    this.dataset = dataset;
    this.catalog = new ModelCatalog(dataset.models());
    this.shape = new TrafficShape(dataset.start(), dataset.days(), dataset.traces());
    this.generations = new GenerationFactory(QUESTIONS, ANSWERS);
  }

  /** Traces {@code [first, first + count)} and all their observations, as one write batch. */
  WriteBatch block(long first, int count) {
    SplittableRandom random = new SplittableRandom(Ids.mix(dataset.seed() ^ Ids.mix(first)));
    List<Trace> traces = new ArrayList<>(count);
    List<Observation> observations = new ArrayList<>(count * (ROWS_PER_TRACE - 1));
    for (long i = first; i < first + count; i++) addTrace(i, random, traces, observations);
    return WriteBatch.of(traces, observations);
  }

  private void addTrace(
      long index, SplittableRandom r, List<Trace> traces, List<Observation> observations) {
    String p = AnalyticsDataset.PROJECT_ID;
    long seed = dataset.seed();
    String traceId = Ids.traceId(seed, index);
    int hour = shape.hourOf(index);
    // the last hour's traces start early enough to end inside the window
    long hourMicros = hour == shape.hours() - 1 ? 2_700_000_000L : 3_600_000_000L;
    Instant start = shape.hourStart(hour).plusNanos(r.nextLong(hourMicros) * 1_000);
    int user = (int) (dataset.users() * Math.pow(r.nextDouble(), 2.0)); // busy users first
    int perUser = dataset.sessions() / dataset.users();
    String session = "session-" + (user * perUser + r.nextInt(perUser));
    String name = TRACE_NAMES[(int) (Math.abs(Ids.mix(user)) % TRACE_NAMES.length)];
    String question = QUESTIONS[r.nextInt(QUESTIONS.length)];
    traces.add(
        Trace.builder(p, traceId, start)
            .name(name)
            .userId("user-" + user)
            .sessionId(session)
            .tags(List.of("bench", index % 10 == 0 ? "beta" : "stable"))
            .input("{\"question\":\"" + question + "\"}")
            .output("{\"answer\":\"" + ANSWERS[r.nextInt(ANSWERS.length)] + "\"}")
            .environment("production")
            .release("v1." + (hour / 24 / 7))
            .build());
    String root = Ids.spanId(seed, index, 0);
    BenchModel primary = catalog.pick(r);
    Instant t = start.plusMillis(2 + r.nextInt(20));
    long firstGeneration = index * AnalyticsDataset.GENERATIONS_PER_TRACE;
    long gens =
        Math.min(AnalyticsDataset.GENERATIONS_PER_TRACE, dataset.generations() - firstGeneration);
    for (int g = 0; g < gens; g++) {
      if (g == 2) {
        Instant end = t.plusMillis(20 + r.nextInt(400));
        String tool = TOOLS[r.nextInt(TOOLS.length)];
        observations.add(
            Observation.builder(p, Ids.spanId(seed, index, 7), traceId, t)
                .parentObservationId(root)
                .type(ObservationType.TOOL)
                .name(tool)
                .endTime(end)
                .input("{\"query\":\"" + question.substring(0, 20) + "\"}")
                .output("{\"hits\":" + r.nextInt(10) + "}")
                .environment("production")
                .build());
        t = end.plusMillis(1 + r.nextInt(10));
      }
      BenchModel model = r.nextInt(4) == 0 ? catalog.pick(r) : primary;
      Observation gen =
          generations.next(r, Ids.spanId(seed, index, 1 + g), traceId, root, t, model);
      observations.add(gen);
      t = gen.endTime().plusMillis(1 + r.nextInt(30));
    }
    observations.add(
        Observation.builder(p, root, traceId, start)
            .type(ObservationType.SPAN)
            .name(name)
            .endTime(t.plus(Duration.ofMillis(2)))
            .level(Level.DEFAULT)
            .environment("production")
            .build());
  }
}
