package dev.loupe.semconv;

/**
 * Vercel AI SDK telemetry ({@code experimental_telemetry}). Outer spans ({@code ai.generateText},
 * {@code ai.streamText}, ...) wrap one inner model-call span per step ({@code ...doGenerate}/{@code
 * ...doStream}) and tool spans ({@code ai.toolCall}); model-call spans also carry {@code gen_ai.*}
 * keys.
 */
public final class VercelAiAttributes {
  /** Instrumentation scope name of the AI SDK ({@code ai}). */
  public static final String SCOPE_NAME = "ai";

  /** {@code "<operationId> <functionId>"}, e.g. {@code ai.generateText.doGenerate my-fn}. */
  public static final String OPERATION_NAME = "operation.name";

  /** Operation id, e.g. {@code ai.generateText.doGenerate}. */
  public static final String OPERATION_ID = "ai.operationId";

  /** Model id, e.g. {@code gpt-4o}. */
  public static final String MODEL_ID = "ai.model.id";

  /** Provider, e.g. {@code openai.chat}. */
  public static final String MODEL_PROVIDER = "ai.model.provider";

  /** Prompt (outer spans): JSON with {@code system}/{@code prompt}/{@code messages}. */
  public static final String PROMPT = "ai.prompt";

  /** Messages sent to the model (model-call spans), JSON array. */
  public static final String PROMPT_MESSAGES = "ai.prompt.messages";

  /** Tools offered to the model, array of JSON strings. */
  public static final String PROMPT_TOOLS = "ai.prompt.tools";

  /** Tool choice, JSON. */
  public static final String PROMPT_TOOL_CHOICE = "ai.prompt.toolChoice";

  /** Generated text. */
  public static final String RESPONSE_TEXT = "ai.response.text";

  /** Tool calls the model asked for, JSON array. */
  public static final String RESPONSE_TOOL_CALLS = "ai.response.toolCalls";

  /** Generated object (generateObject/streamObject), JSON. */
  public static final String RESPONSE_OBJECT = "ai.response.object";

  /** Finish reason. */
  public static final String RESPONSE_FINISH_REASON = "ai.response.finishReason";

  /** Milliseconds from the start of the call to the first chunk (streaming). */
  public static final String RESPONSE_MS_TO_FIRST_CHUNK = "ai.response.msToFirstChunk";

  /** Milliseconds to the first chunk (older name). */
  public static final String STREAM_MS_TO_FIRST_CHUNK = "ai.stream.msToFirstChunk";

  /** Provider-specific metadata, JSON; carries cache and reasoning token details. */
  public static final String RESPONSE_PROVIDER_METADATA = "ai.response.providerMetadata";

  /** Generated text (AI SDK before 4.0). */
  public static final String RESULT_TEXT = "ai.result.text";

  /** Generated object (AI SDK before 4.0). */
  public static final String RESULT_OBJECT = "ai.result.object";

  /** Tool calls (AI SDK before 4.0). */
  public static final String RESULT_TOOL_CALLS = "ai.result.toolCalls";

  /** Tool name on an {@code ai.toolCall} span. */
  public static final String TOOL_CALL_NAME = "ai.toolCall.name";

  /** Tool call id. */
  public static final String TOOL_CALL_ID = "ai.toolCall.id";

  /** Tool arguments, JSON. */
  public static final String TOOL_CALL_ARGS = "ai.toolCall.args";

  /** Tool result, JSON. */
  public static final String TOOL_CALL_RESULT = "ai.toolCall.result";

  /** {@code functionId} given in the telemetry settings. */
  public static final String TELEMETRY_FUNCTION_ID = "ai.telemetry.functionId";

  /** Prefix of telemetry metadata: {@code ai.telemetry.metadata.<key>}. */
  public static final String TELEMETRY_METADATA_PREFIX = "ai.telemetry.metadata.";

  /** User id in telemetry metadata. */
  public static final String TELEMETRY_METADATA_USER_ID = "ai.telemetry.metadata.userId";

  /** Session id in telemetry metadata. */
  public static final String TELEMETRY_METADATA_SESSION_ID = "ai.telemetry.metadata.sessionId";

  /** Tags in telemetry metadata. */
  public static final String TELEMETRY_METADATA_TAGS = "ai.telemetry.metadata.tags";

  /** Langfuse prompt link in telemetry metadata: JSON {@code {name, version}}. */
  public static final String TELEMETRY_METADATA_LANGFUSE_PROMPT =
      "ai.telemetry.metadata.langfusePrompt";

  /** Total tokens. */
  public static final String USAGE_TOKENS = "ai.usage.tokens";

  /** Total tokens (v5). */
  public static final String USAGE_TOTAL_TOKENS = "ai.usage.totalTokens";

  /** Input tokens (v4; the server reads {@code gen_ai.usage.*} instead). */
  public static final String USAGE_PROMPT_TOKENS = "ai.usage.promptTokens";

  /** Output tokens (v4; the server reads {@code gen_ai.usage.*} instead). */
  public static final String USAGE_COMPLETION_TOKENS = "ai.usage.completionTokens";

  /** Input tokens (v5). */
  public static final String USAGE_INPUT_TOKENS = "ai.usage.inputTokens";

  /** Output tokens (v5). */
  public static final String USAGE_OUTPUT_TOKENS = "ai.usage.outputTokens";

  /** Cached input tokens (part of input tokens). */
  public static final String USAGE_CACHED_INPUT_TOKENS = "ai.usage.cachedInputTokens";

  /** Reasoning tokens (part of output tokens). */
  public static final String USAGE_REASONING_TOKENS = "ai.usage.reasoningTokens";

  /** Maximum steps setting. */
  public static final String SETTINGS_MAX_STEPS = "ai.settings.maxSteps";

  /** Maximum retries setting. */
  public static final String SETTINGS_MAX_RETRIES = "ai.settings.maxRetries";

  /** Mode setting (generateObject). */
  public static final String SETTINGS_MODE = "ai.settings.mode";

  /** Operation id: model call of generateText. */
  public static final String OP_GENERATE_TEXT_DO_GENERATE = "ai.generateText.doGenerate";

  /** Operation id: model call of streamText. */
  public static final String OP_STREAM_TEXT_DO_STREAM = "ai.streamText.doStream";

  /** Operation id: model call of generateObject. */
  public static final String OP_GENERATE_OBJECT_DO_GENERATE = "ai.generateObject.doGenerate";

  /** Operation id: model call of streamObject. */
  public static final String OP_STREAM_OBJECT_DO_STREAM = "ai.streamObject.doStream";

  /** Operation id: model call of embed. */
  public static final String OP_EMBED_DO_EMBED = "ai.embed.doEmbed";

  /** Operation id: model call of embedMany. */
  public static final String OP_EMBED_MANY_DO_EMBED = "ai.embedMany.doEmbed";

  /** Operation id: generateText (outer span: one model call per step below it). */
  public static final String OP_GENERATE_TEXT = "ai.generateText";

  /** Operation id: streamText (outer span). */
  public static final String OP_STREAM_TEXT = "ai.streamText";

  /** Operation id: generateObject (outer span). */
  public static final String OP_GENERATE_OBJECT = "ai.generateObject";

  /** Operation id: streamObject (outer span). */
  public static final String OP_STREAM_OBJECT = "ai.streamObject";

  /** Operation id: embed (outer span over {@code ai.embed.doEmbed}). */
  public static final String OP_EMBED = "ai.embed";

  /** Operation id: embedMany (outer span over its {@code ai.embedMany.doEmbed} batches). */
  public static final String OP_EMBED_MANY = "ai.embedMany";

  /** Operation id: rerank (outer span over {@code ai.rerank.doRerank}). */
  public static final String OP_RERANK = "ai.rerank";

  /** Operation id: experimental decide (outer span over {@code ai.decide.doDecide}). */
  public static final String OP_DECIDE = "ai.decide";

  /** Operation id: a durable WorkflowAgent run (v7, {@code @ai-sdk/workflow}). */
  public static final String OP_WORKFLOW_AGENT_STREAM = "ai.workflowAgent.stream";

  /** Operation id: tool execution. */
  public static final String OP_TOOL_CALL = "ai.toolCall";

  private VercelAiAttributes() {}
}
