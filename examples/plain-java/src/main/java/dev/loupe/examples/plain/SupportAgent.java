package dev.loupe.examples.plain;

import dev.loupe.examples.plain.FakeModel.Completion;
import dev.loupe.examples.plain.FakeModel.UpstreamException;
import dev.loupe.sdk.Loupe;
import dev.loupe.sdk.ObservationLevel;
import dev.loupe.sdk.ObservationType;
import dev.loupe.sdk.TraceAttributes;
import java.util.List;
import java.util.Map;

/**
 * A support agent answering one ticket, instrumented with the Loupe SDK. It records the seed's
 * trace:
 *
 * <pre>
 * handle-request      SPAN        root: trace input/output, user, session, tags, metadata, version
 * ├─ retrieve-context SPAN        input/output/metadata
 * │  └─ cache-miss    EVENT       level WARNING
 * ├─ lookup-order     TOOL        input/output
 * ├─ draft-reply      GENERATION  gpt-4o, usage 42 input / 17 output
 * └─ polish-reply     GENERATION  gpt-4o-mini, fails: level ERROR + status message
 * </pre>
 */
final class SupportAgent {
  /** The trace this run recorded and the reply it produced. */
  record Run(String traceId, String reply) {}

  static final String QUESTION = "Where is my order A-1001? It has been a week.";
  static final List<Map<String, String>> MESSAGES =
      List.of(
          Map.of("role", "system", "content", "You are a concise, friendly support agent."),
          Map.of("role", "user", "content", QUESTION));

  private final Loupe loupe;
  private final FakeModel model;

  SupportAgent(Loupe loupe, FakeModel model) {
    this.loupe = loupe;
    this.model = model;
  }

  Run handle() {
    return loupe.startActiveObservation(
        "handle-request",
        root -> {
          root.input(Map.of("ticketId", "T-1001", "messages", MESSAGES))
              .metadata(Map.of("route", "/support/reply"));
          // trace attributes: set on the root and carried by every observation started inside it
          root.updateTrace(
              TraceAttributes.builder()
                  .name("handle-request")
                  .userId("user-123")
                  .sessionId("session-abc")
                  .tags("seed", "harness")
                  .metadata(Map.of("tenant", "acme", "channel", "email"))
                  .version("1.0.0")
                  .input(Map.of("ticketId", "T-1001", "question", QUESTION))
                  .build());

          retrieveContext();
          Map<String, String> order = lookupOrder("A-1001");
          Completion draft = draftReply();
          polishReply(draft.text());

          root.output(Map.of("reply", draft.text(), "order", order));
          root.updateTrace(TraceAttributes.builder().output(draft.text()).build());
          return new Run(root.traceId(), draft.text());
        });
  }

  private void retrieveContext() {
    loupe.runActiveObservation(
        "retrieve-context",
        span -> {
          span.input(Map.of("query", "order A-1001"));
          FakeModel.pause(10);
          // an event: a point in time, ended as soon as it is started
          loupe
              .startObservation("cache-miss", ObservationType.EVENT)
              .input(Map.of("key", "order:A-1001"))
              .level(ObservationLevel.WARNING)
              .end();
          span.output(Map.of("documents", 2)).metadata(Map.of("source", "kb"));
        });
  }

  private Map<String, String> lookupOrder(String orderId) {
    return loupe.startActiveObservation(
        "lookup-order",
        ObservationType.TOOL,
        tool -> {
          tool.input(Map.of("orderId", orderId));
          FakeModel.pause(10);
          Map<String, String> order =
              Map.of("orderId", orderId, "status", "shipped", "carrier", "UPS");
          tool.output(order);
          return order;
        });
  }

  /** The seed's generation: model, messages, reply and token usage. */
  private Completion draftReply() {
    return loupe.startActiveObservation(
        "draft-reply",
        ObservationType.GENERATION,
        gen -> {
          Completion response = model.complete(MESSAGES);
          gen.input(MESSAGES)
              .output(response.text())
              .model("gpt-4o")
              .usageDetails(
                  Map.of("input", response.inputTokens(), "output", response.outputTokens()));
          return response;
        });
  }

  /**
   * A generation that fails: the SDK marks it ERROR with the exception's message and rethrows it,
   * so no try/catch is needed inside the callback.
   */
  private void polishReply(String draft) {
    List<Map<String, String>> prompt =
        List.of(Map.of("role", "user", "content", "Polish: " + draft));
    try {
      loupe.runActiveObservation(
          "polish-reply",
          ObservationType.GENERATION,
          gen -> {
            gen.input(prompt)
                .model("gpt-4o-mini")
                .modelParameters(Map.of("temperature", 0.2, "max_tokens", 256));
            Completion polished = model.completeFailing(prompt);
            gen.output(polished.text());
          });
    } catch (UpstreamException e) {
      // recorded as level ERROR; the draft is answered as is
    }
  }
}
