package dev.loupe.semconv;

/**
 * Keys of smaller frameworks whose spans the server understands: Firebase Genkit, Pydantic Logfire
 * and Pydantic AI, Spring AI, LiveKit Agents, MLflow, Traceloop (OpenLLMetry), Google Vertex AI
 * ADK, Flue.
 */
public final class FrameworkAttributes {
  /**
   * Genkit: action subtype ({@code model}, {@code embedder}, {@code tool}, {@code retriever}, ...).
   */
  public static final String GENKIT_SUBTYPE = "genkit:metadata:subtype";

  /** Genkit: action name. */
  public static final String GENKIT_NAME = "genkit:name";

  /** Logfire: rendered span message, used as the name. */
  public static final String LOGFIRE_MSG = "logfire.msg";

  /** Logfire: prompt (input). */
  public static final String LOGFIRE_PROMPT = "prompt";

  /** Logfire: all message events (output). */
  public static final String LOGFIRE_ALL_MESSAGES_EVENTS = "all_messages_events";

  /** Logfire: GenAI events as one JSON array ({@code event.name} per entry). */
  public static final String LOGFIRE_EVENTS = "events";

  /** Spring AI: what a framework span is; {@code tool_call} for a tool execution. */
  public static final String SPRING_AI_KIND = "spring.ai.kind";

  /** Spring AI: {@link #SPRING_AI_KIND} value of a tool execution. */
  public static final String SPRING_AI_KIND_TOOL_CALL = "tool_call";

  /** Spring AI: the tool's declared name. */
  public static final String SPRING_AI_TOOL_DEFINITION_NAME = "spring.ai.tool.definition.name";

  /** Spring AI: tool arguments (with {@code spring.ai.tools.observations.include-content}). */
  public static final String SPRING_AI_TOOL_CALL_ARGUMENTS = "spring.ai.tool.call.arguments";

  /** Spring AI: tool result (with {@code spring.ai.tools.observations.include-content}). */
  public static final String SPRING_AI_TOOL_CALL_RESULT = "spring.ai.tool.call.result";

  /** Pydantic AI scope name. */
  public static final String PYDANTIC_AI_SCOPE = "pydantic-ai";

  /** Pydantic AI: all messages of an agent run (input). */
  public static final String PYDANTIC_AI_ALL_MESSAGES = "pydantic_ai.all_messages";

  /** Pydantic AI: final result of an agent run (output). */
  public static final String PYDANTIC_AI_FINAL_RESULT = "final_result";

  /** Pydantic AI: tool arguments. */
  public static final String PYDANTIC_AI_TOOL_ARGUMENTS = "tool_arguments";

  /** Pydantic AI: tool response. */
  public static final String PYDANTIC_AI_TOOL_RESPONSE = "tool_response";

  /** LiveKit Agents scope name. */
  public static final String LIVEKIT_SCOPE = "livekit-agents";

  /** LiveKit: input text. */
  public static final String LIVEKIT_INPUT_TEXT = "lk.input_text";

  /** LiveKit: user transcript. */
  public static final String LIVEKIT_USER_TRANSCRIPT = "lk.user_transcript";

  /** LiveKit: chat context. */
  public static final String LIVEKIT_CHAT_CTX = "lk.chat_ctx";

  /** LiveKit: user input. */
  public static final String LIVEKIT_USER_INPUT = "lk.user_input";

  /** LiveKit: function tool output. */
  public static final String LIVEKIT_FUNCTION_TOOL_OUTPUT = "lk.function_tool.output";

  /** LiveKit: response text. */
  public static final String LIVEKIT_RESPONSE_TEXT = "lk.response.text";

  /** MLflow: span inputs. */
  public static final String MLFLOW_SPAN_INPUTS = "mlflow.spanInputs";

  /** MLflow: span outputs. */
  public static final String MLFLOW_SPAN_OUTPUTS = "mlflow.spanOutputs";

  /** Traceloop: entity input. */
  public static final String TRACELOOP_ENTITY_INPUT = "traceloop.entity.input";

  /** Traceloop: entity output. */
  public static final String TRACELOOP_ENTITY_OUTPUT = "traceloop.entity.output";

  /** Vertex AI ADK: model request. */
  public static final String VERTEX_LLM_REQUEST = "gcp.vertex.agent.llm_request";

  /** Vertex AI ADK: model response. */
  public static final String VERTEX_LLM_RESPONSE = "gcp.vertex.agent.llm_response";

  /** Vertex AI ADK: tool call arguments. */
  public static final String VERTEX_TOOL_CALL_ARGS = "gcp.vertex.agent.tool_call_args";

  /** Vertex AI ADK: tool response. */
  public static final String VERTEX_TOOL_RESPONSE = "gcp.vertex.agent.tool_response";

  /** Flue: span name prefix of tool spans. */
  public static final String FLUE_TOOL_SPAN_PREFIX = "flue.tool";

  /** Flue: span name prefix of task (sub-agent) spans. */
  public static final String FLUE_TASK_SPAN_PREFIX = "flue.task";

  /** Older Lemma SDK root span: agent input. */
  public static final String LEMMA_AGENT_INPUT = "ai.agent.input";

  /** Older Lemma SDK root span: agent output. */
  public static final String LEMMA_AGENT_OUTPUT = "ai.agent.output";

  private FrameworkAttributes() {}
}
