package dev.loupe.server.browser;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A few hundred traces over several users, sessions and models, sent through the batch API: every
 * trace is a root span with one or two generations under it, spread over the last five hours. One
 * trace uses a model that has no price ({@link #UNPRICED_MODEL}) and one has a generation that
 * failed ({@link #errorTraceId}). No generated trace is named like the seed's {@code
 * handle-request} or belongs to its {@code user-123}.
 */
final class GeneratedData {
  static final int TRACES = 300;
  static final String UNPRICED_MODEL = "acme-inhouse-llm-v2";
  static final List<String> MODELS = List.of("gpt-4o", "gpt-4o-mini", "claude-sonnet-4-5");
  static final List<String> NAMES =
      List.of("answer-question", "summarize-doc", "classify-ticket", "plan-trip");
  static final int USERS = 12;
  static final int SESSIONS = 40;

  /** One generated trace as sent. */
  record Trace(String id, String name, String userId, String sessionId, Instant start) {}

  final List<Trace> traces = new ArrayList<>();
  final String unpricedTraceId;
  final String errorTraceId;

  private GeneratedData(String unpricedTraceId, String errorTraceId) {
    this.unpricedTraceId = unpricedTraceId;
    this.errorTraceId = errorTraceId;
  }

  static GeneratedData sendTo(Ingest api, Instant now) {
    GeneratedData data = new GeneratedData("gen-trace-007", "gen-trace-013");
    Random random = new Random(20261124);
    List<ObjectNode> events = new ArrayList<>();
    Instant base = now.truncatedTo(ChronoUnit.MILLIS);
    for (int i = 0; i < TRACES; i++) {
      String id = "gen-trace-%03d".formatted(i);
      Trace t =
          new Trace(
              id,
              NAMES.get(i % NAMES.size()),
              "user-%02d".formatted(i % USERS),
              "sess-%02d".formatted(i % SESSIONS),
              base.minusSeconds(60L * (i + 2)));
      data.traces.add(t);

      ObjectNode trace = Ingest.object();
      trace.put("id", id);
      trace.put("name", t.name());
      trace.put("userId", t.userId());
      trace.put("sessionId", t.sessionId());
      trace.put("timestamp", t.start().toString());
      trace.put("environment", i % 5 == 0 ? "staging" : "production");
      trace.put("release", "r" + (1 + i % 3));
      trace.putArray("tags").add("generated").add(i % 2 == 0 ? "even" : "odd");
      trace.putObject("input").put("question", "Question number " + i + "?");
      trace.put("output", "Answer number " + i + ".");
      events.add(Ingest.event("trace-create", trace));

      String rootId = id + "-root";
      long rootMillis = 800 + random.nextInt(4000);
      ObjectNode span = Ingest.object();
      span.put("id", rootId);
      span.put("traceId", id);
      span.put("name", "agent-step");
      span.put("startTime", t.start().toString());
      span.put("endTime", t.start().plusMillis(rootMillis).toString());
      events.add(Ingest.event("span-create", span));

      int generations = 1 + i % 2;
      for (int g = 0; g < generations; g++) {
        String model =
            id.equals(data.unpricedTraceId)
                ? UNPRICED_MODEL
                : MODELS.get(random.nextInt(MODELS.size()));
        Instant start = t.start().plusMillis(50 + g * (rootMillis / 2));
        long latency = 100 + random.nextInt((int) (rootMillis / 2 - 60));
        ObjectNode gen = Ingest.object();
        gen.put("id", id + "-gen-" + g);
        gen.put("traceId", id);
        gen.put("parentObservationId", rootId);
        gen.put("name", g == 0 ? "draft" : "refine");
        gen.put("model", model);
        gen.put("startTime", start.toString());
        gen.put("completionStartTime", start.plusMillis(latency / 3).toString());
        gen.put("endTime", start.plusMillis(latency).toString());
        gen.putArray("input")
            .add(Ingest.object().put("role", "user").put("content", "Question number " + i));
        gen.put("output", "Answer number " + i + ".");
        gen.putObject("usageDetails")
            .put("input", 20 + random.nextInt(2000))
            .put("output", 5 + random.nextInt(600));
        if (id.equals(data.errorTraceId) && g == 0) {
          gen.put("level", "ERROR");
          gen.put("statusMessage", "Upstream timeout after 30 s");
        }
        events.add(Ingest.event("generation-create", gen));
      }
    }
    api.sendAll(events, 200);
    return data;
  }

  /** The traces of one session, oldest first. */
  List<Trace> session(String sessionId) {
    return traces.stream()
        .filter(t -> t.sessionId().equals(sessionId))
        .sorted(Comparator.comparing(Trace::start))
        .toList();
  }

  long tracesOfUser(String userId) {
    return traces.stream().filter(t -> t.userId().equals(userId)).count();
  }
}
