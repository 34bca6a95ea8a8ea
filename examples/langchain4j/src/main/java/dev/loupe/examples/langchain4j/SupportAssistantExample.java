package dev.loupe.examples.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.loupe.examples.stub.OpenAiCompatibleStub;
import dev.loupe.integrations.langchain4j.LoupeChatModelListener;
import dev.loupe.integrations.langchain4j.LoupeTools;
import dev.loupe.sdk.Loupe;
import dev.loupe.sdk.ObservationType;
import dev.loupe.sdk.TraceAttributes;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * A LangChain4j AI Service answering a support question with one tool, traced into Loupe:
 *
 * <pre>
 * support-chat        AGENT       root, from the Loupe SDK: user, session, tags, trace input/output
 * ├─ chat gpt-4o-mini GENERATION  asks for the lookupOrder tool        (LoupeChatModelListener)
 * ├─ lookupOrder      TOOL        arguments and result                (LoupeTools)
 * ├─ chat gpt-4o-mini GENERATION  the answer, with usage
 * └─ chat gpt-4o-mini GENERATION  "Polish: ..." - the built-in stub answers 429: level ERROR
 * </pre>
 *
 * <p>Loupe is configured from {@code LOUPE_*} (or {@code LANGFUSE_*}/{@code LEMMA_*}) variables.
 * The model is {@code OPENAI_BASE_URL} with {@code OPENAI_API_KEY} and {@code OPENAI_MODEL}
 * (default {@code gpt-4o-mini}); without {@code OPENAI_BASE_URL} the example starts its own
 * OpenAI-compatible stub on a loopback port, so it needs no key and no network.
 */
public final class SupportAssistantExample {
  static final String QUESTION = "Where is my order A-1001? It has been a week.";

  /** The trace this run recorded, the assistant's answer and the final reply. */
  record Run(String traceId, String answer, String reply) {}

  private SupportAssistantExample() {}

  public static void main(String[] args) {
    Run run = run(System.getenv(), System.out);
    System.exit(run == null ? 1 : 0);
  }

  /**
   * Answers {@link #QUESTION} with Loupe and the model configured from {@code env}, flushes the
   * trace and prints its id to {@code out}.
   *
   * @return the run, or null when Loupe is not configured or the export failed (explained on out)
   */
  static Run run(Map<String, String> env, PrintStream out) {
    try (Loupe loupe = Loupe.builder().env(env).shutdownHook(false).build();
        OpenAiCompatibleStub stub = env.containsKey("OPENAI_BASE_URL") ? null : startStub()) {
      if (!loupe.isEnabled()) {
        out.println(
            "Loupe is not configured: set LOUPE_PUBLIC_KEY and LOUPE_SECRET_KEY (or LANGFUSE_*),"
                + " as printed by `./loupe server` on its first start");
        return null;
      }
      String baseUrl = stub != null ? stub.baseUrl() : env.get("OPENAI_BASE_URL");
      out.println("model endpoint: " + (stub != null ? "built-in stub at " : "") + baseUrl);
      ChatModel model =
          OpenAiChatModel.builder()
              .baseUrl(baseUrl)
              .apiKey(env.getOrDefault("OPENAI_API_KEY", "stub-key"))
              .modelName(env.getOrDefault("OPENAI_MODEL", "gpt-4o-mini"))
              .temperature(0.2)
              .maxRetries(0)
              // every chat call becomes a GENERATION under the current observation
              .listeners(List.of(new LoupeChatModelListener(loupe.tracer())))
              .build();
      SupportAssistant assistant =
          AiServices.builder(SupportAssistant.class)
              .chatModel(model)
              // every tool execution becomes a TOOL observation
              .tools(LoupeTools.create(loupe.tracer()).of(new OrderTools()))
              .build();

      Run run =
          loupe.startActiveObservation(
              "support-chat",
              ObservationType.AGENT,
              root -> {
                root.updateTrace(
                    TraceAttributes.builder()
                        .userId("user-123")
                        .sessionId("session-abc")
                        .tags("example", "langchain4j")
                        .input(QUESTION)
                        .build());
                String answer = assistant.answer(QUESTION);
                String reply = polish(model, answer, out);
                root.output(reply);
                root.updateTrace(TraceAttributes.builder().output(reply).build());
                return new Run(root.traceId(), answer, reply);
              });
      out.println("reply: " + run.reply());
      if (!loupe.flush()) {
        out.println("export failed; is Loupe running at the configured LOUPE_BASE_URL?");
        return null;
      }
      out.println("trace id: " + run.traceId());
      out.println(
          "read it back (Basic auth with your key pair): GET "
              + env.getOrDefault(
                  "LOUPE_BASE_URL", env.getOrDefault("LANGFUSE_BASE_URL", "http://localhost:3000"))
              + "/api/public/traces/"
              + run.traceId());
      return run;
    }
  }

  /**
   * One more model call; with the built-in stub it fails (429), which Loupe records as an ERROR
   * generation, and the unpolished answer is used.
   */
  private static String polish(ChatModel model, String answer, PrintStream out) {
    try {
      return model.chat("Polish: " + answer);
    } catch (RuntimeException e) {
      out.println("polish failed, recorded as an ERROR generation: " + e.getMessage());
      return answer;
    }
  }

  private static OpenAiCompatibleStub startStub() {
    try {
      return new OpenAiCompatibleStub();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the built-in model stub", e);
    }
  }
}
