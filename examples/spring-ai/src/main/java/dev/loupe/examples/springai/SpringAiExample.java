package dev.loupe.examples.springai;

import dev.loupe.examples.stub.OpenAiCompatibleStub;
import dev.loupe.sdk.Loupe;
import dev.loupe.sdk.ObservationType;
import dev.loupe.sdk.TraceAttributes;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.retry.support.RetryTemplate;

/**
 * A Spring AI {@link OpenAiChatModel} answering a support question with one tool, without Spring
 * Boot. Spring AI reports its chat and tool calls as Micrometer observations; {@link LoupeExport}
 * turns them into OpenTelemetry spans exported to Loupe, where they become:
 *
 * <pre>
 * support-chat         AGENT       root, from the Loupe SDK on the same OpenTelemetry
 * ├─ chat gpt-4o-mini  GENERATION  asks for the lookupOrder tool, with usage
 * ├─ lookupOrder       TOOL        arguments and result
 * ├─ chat gpt-4o-mini  GENERATION  the answer, with usage
 * └─ chat gpt-4o-mini  GENERATION  "Polish: ..." - the built-in stub answers 429: level ERROR
 * </pre>
 *
 * <p>The model is {@code OPENAI_BASE_URL} with {@code OPENAI_API_KEY} and {@code OPENAI_MODEL}
 * (default {@code gpt-4o-mini}); without {@code OPENAI_BASE_URL} the example starts its own
 * OpenAI-compatible stub on a loopback port. See {@code docs/guides/spring-ai.md} for Spring Boot.
 */
public final class SpringAiExample {
  static final String QUESTION = "Where is my order A-1001? It has been a week.";

  /** The trace this run recorded, the model's answer and the final reply. */
  record Run(String traceId, String answer, String reply) {}

  private SpringAiExample() {}

  public static void main(String[] args) {
    Run run = run(System.getenv(), System.out);
    System.exit(run == null ? 1 : 0);
  }

  /**
   * Answers {@link #QUESTION} with the export and model configured from {@code env}, flushes the
   * trace and prints its id to {@code out}.
   *
   * @return the run, or null when Loupe is not configured or the export failed (explained on out)
   */
  static Run run(Map<String, String> env, PrintStream out) {
    LoupeExport export = LoupeExport.fromEnv(env);
    if (export == null) {
      out.println(
          "Loupe is not configured: set LOUPE_PUBLIC_KEY and LOUPE_SECRET_KEY (or LANGFUSE_*),"
              + " as printed by `./loupe server` on its first start");
      return null;
    }
    try (export;
        Loupe loupe = Loupe.builder().openTelemetry(export.openTelemetry).build();
        OpenAiCompatibleStub stub = env.containsKey("OPENAI_BASE_URL") ? null : startStub()) {
      String baseUrl = stub != null ? stub.baseUrl() : env.get("OPENAI_BASE_URL");
      out.println("model endpoint: " + (stub != null ? "built-in stub at " : "") + baseUrl);
      OpenAiChatModel model =
          OpenAiChatModel.builder()
              .openAiApi(
                  OpenAiApi.builder()
                      .baseUrl(baseUrl)
                      .apiKey(env.getOrDefault("OPENAI_API_KEY", "stub-key"))
                      .build())
              .defaultOptions(
                  OpenAiChatOptions.builder()
                      .model(env.getOrDefault("OPENAI_MODEL", "gpt-4o-mini"))
                      .temperature(0.2)
                      .build())
              // chat and tool calls are observed on the registry that exports to Loupe
              .observationRegistry(export.registry)
              .toolCallingManager(
                  ToolCallingManager.builder().observationRegistry(export.registry).build())
              .retryTemplate(RetryTemplate.builder().maxAttempts(1).build())
              .build();
      OpenAiChatOptions withTools =
          OpenAiChatOptions.builder().toolCallbacks(ToolCallbacks.from(new OrderTools())).build();

      Run run =
          loupe.startActiveObservation(
              "support-chat",
              ObservationType.AGENT,
              root -> {
                root.updateTrace(
                    TraceAttributes.builder()
                        .userId("user-123")
                        .sessionId("session-abc")
                        .tags("example", "spring-ai")
                        .input(QUESTION)
                        .build());
                String answer =
                    model.call(new Prompt(QUESTION, withTools)).getResult().getOutput().getText();
                String reply = polish(model, answer, out);
                root.output(reply);
                root.updateTrace(TraceAttributes.builder().output(reply).build());
                return new Run(root.traceId(), answer, reply);
              });
      out.println("reply: " + run.reply());
      if (!loupe.flush()) {
        out.println("export to " + export.baseUrl + " failed; is Loupe running there?");
        return null;
      }
      out.println("trace id: " + run.traceId());
      out.println(
          "read it back (Basic auth with your key pair): GET "
              + export.baseUrl
              + "/api/public/traces/"
              + run.traceId());
      return run;
    }
  }

  /**
   * One more model call; with the built-in stub it fails (429), which Spring AI's observation and
   * Loupe record as an ERROR generation, and the unpolished answer is used.
   */
  private static String polish(OpenAiChatModel model, String answer, PrintStream out) {
    try {
      return model.call(new Prompt("Polish: " + answer)).getResult().getOutput().getText();
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
