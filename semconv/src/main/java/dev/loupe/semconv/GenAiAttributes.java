package dev.loupe.semconv;

/**
 * OpenTelemetry GenAI semantic conventions ({@code gen_ai.*}, status Development), with the older
 * names that instrumentations still send (marked "old"). Span name is {@code "{operation}
 * {model}"}, e.g. {@code chat gpt-4o}.
 */
public final class GenAiAttributes {
  /** Operation: one of the {@code OPERATION_*} values. */
  public static final String OPERATION_NAME = "gen_ai.operation.name";

  /** Provider, e.g. {@code openai}, {@code anthropic} (new name of {@link #SYSTEM}). */
  public static final String PROVIDER_NAME = "gen_ai.provider.name";

  /** Provider (old name). */
  public static final String SYSTEM = "gen_ai.system";

  /** Requested model. */
  public static final String REQUEST_MODEL = "gen_ai.request.model";

  /** Prefix of request parameters: {@code gen_ai.request.<param>}. */
  public static final String REQUEST_PREFIX = "gen_ai.request.";

  /** Sampling temperature. */
  public static final String REQUEST_TEMPERATURE = "gen_ai.request.temperature";

  /** Maximum output tokens. */
  public static final String REQUEST_MAX_TOKENS = "gen_ai.request.max_tokens";

  /** Nucleus sampling. */
  public static final String REQUEST_TOP_P = "gen_ai.request.top_p";

  /** Top-k sampling. */
  public static final String REQUEST_TOP_K = "gen_ai.request.top_k";

  /** Stop sequences. */
  public static final String REQUEST_STOP_SEQUENCES = "gen_ai.request.stop_sequences";

  /** Frequency penalty. */
  public static final String REQUEST_FREQUENCY_PENALTY = "gen_ai.request.frequency_penalty";

  /** Presence penalty. */
  public static final String REQUEST_PRESENCE_PENALTY = "gen_ai.request.presence_penalty";

  /** Seed. */
  public static final String REQUEST_SEED = "gen_ai.request.seed";

  /** Model that answered (may be more specific than the requested one). */
  public static final String RESPONSE_MODEL = "gen_ai.response.model";

  /** Provider's response id. */
  public static final String RESPONSE_ID = "gen_ai.response.id";

  /** Finish reasons, a string array. */
  public static final String RESPONSE_FINISH_REASONS = "gen_ai.response.finish_reasons";

  /** Finish reason (old, Vercel AI SDK before 4.0). */
  public static final String FINISH_REASON = "gen_ai.finishReason";

  /** Prefix of usage counts: {@code gen_ai.usage.<kind>}. */
  public static final String USAGE_PREFIX = "gen_ai.usage.";

  /** Input tokens, cached ones included. */
  public static final String USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens";

  /** Output tokens, reasoning ones included. */
  public static final String USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens";

  /** Input tokens (old name). */
  public static final String USAGE_PROMPT_TOKENS = "gen_ai.usage.prompt_tokens";

  /** Output tokens (old name). */
  public static final String USAGE_COMPLETION_TOKENS = "gen_ai.usage.completion_tokens";

  /** Total tokens. */
  public static final String USAGE_TOTAL_TOKENS = "gen_ai.usage.total_tokens";

  /** Input tokens read from the provider's cache (part of input tokens). */
  public static final String USAGE_CACHE_READ_INPUT_TOKENS = "gen_ai.usage.cache_read.input_tokens";

  /** Input tokens written to the provider's cache (part of input tokens). */
  public static final String USAGE_CACHE_CREATION_INPUT_TOKENS =
      "gen_ai.usage.cache_creation.input_tokens";

  /** Cache read tokens as Anthropic-style instrumentations name them. */
  public static final String USAGE_CACHE_READ_INPUT_TOKENS_FLAT =
      "gen_ai.usage.cache_read_input_tokens";

  /** Cache creation tokens as Anthropic-style instrumentations name them. */
  public static final String USAGE_CACHE_CREATION_INPUT_TOKENS_FLAT =
      "gen_ai.usage.cache_creation_input_tokens";

  /** Reasoning tokens (part of output tokens). */
  public static final String USAGE_REASONING_TOKENS = "gen_ai.usage.reasoning_tokens";

  /** Provided cost in USD (not a token count). */
  public static final String USAGE_COST = "gen_ai.usage.cost";

  /** Chat history sent to the model: JSON array of {@code {role, parts}} messages. */
  public static final String INPUT_MESSAGES = "gen_ai.input.messages";

  /** Messages returned by the model: JSON array of {@code {role, parts, finish_reason}}. */
  public static final String OUTPUT_MESSAGES = "gen_ai.output.messages";

  /** System instructions kept apart from the chat history: JSON array of parts, or a string. */
  public static final String SYSTEM_INSTRUCTIONS = "gen_ai.system_instructions";

  /** Prompt (old): a string, or flattened {@code gen_ai.prompt.<n>.role/content}. */
  public static final String PROMPT = "gen_ai.prompt";

  /** Prefix of the flattened prompt (old): {@code gen_ai.prompt.<n>.<field>}. */
  public static final String PROMPT_PREFIX = "gen_ai.prompt.";

  /** Completion (old): a string, or flattened {@code gen_ai.completion.<n>.role/content}. */
  public static final String COMPLETION = "gen_ai.completion";

  /** Prefix of the flattened completion (old): {@code gen_ai.completion.<n>.<field>}. */
  public static final String COMPLETION_PREFIX = "gen_ai.completion.";

  /** Tool name. */
  public static final String TOOL_NAME = "gen_ai.tool.name";

  /** Tool call id. */
  public static final String TOOL_CALL_ID = "gen_ai.tool.call.id";

  /** Tool call arguments (JSON text). */
  public static final String TOOL_CALL_ARGUMENTS = "gen_ai.tool.call.arguments";

  /** Tool call result. */
  public static final String TOOL_CALL_RESULT = "gen_ai.tool.call.result";

  /** Tool description. */
  public static final String TOOL_DESCRIPTION = "gen_ai.tool.description";

  /** Tool type, e.g. {@code function}. */
  public static final String TOOL_TYPE = "gen_ai.tool.type";

  /** Tool definitions offered to the model. */
  public static final String TOOL_DEFINITIONS = "gen_ai.tool.definitions";

  /** Conversation (thread) id; read as the trace's session id. */
  public static final String CONVERSATION_ID = "gen_ai.conversation.id";

  /** Agent name. */
  public static final String AGENT_NAME = "gen_ai.agent.name";

  /** Agent id. */
  public static final String AGENT_ID = "gen_ai.agent.id";

  /** Span event: a system message sent to the model (old event-based content capture). */
  public static final String EVENT_SYSTEM_MESSAGE = "gen_ai.system.message";

  /** Span event: a user message. */
  public static final String EVENT_USER_MESSAGE = "gen_ai.user.message";

  /** Span event: an assistant message in the history. */
  public static final String EVENT_ASSISTANT_MESSAGE = "gen_ai.assistant.message";

  /** Span event: a tool result message. */
  public static final String EVENT_TOOL_MESSAGE = "gen_ai.tool.message";

  /** Span event: one choice returned by the model. */
  public static final String EVENT_CHOICE = "gen_ai.choice";

  /** Span event (older, Spring AI / Semantic Kernel): the prompt, in attribute {@link #PROMPT}. */
  public static final String EVENT_CONTENT_PROMPT = "gen_ai.content.prompt";

  /**
   * Span event (older, Spring AI / Semantic Kernel): the completion, in attribute {@link
   * #COMPLETION}.
   */
  public static final String EVENT_CONTENT_COMPLETION = "gen_ai.content.completion";

  /** Operation value: chat completion. */
  public static final String OPERATION_CHAT = "chat";

  /** Operation value: text completion. */
  public static final String OPERATION_TEXT_COMPLETION = "text_completion";

  /** Operation value: text completion (old). */
  public static final String OPERATION_COMPLETION = "completion";

  /** Operation value: multimodal generation (Gemini). */
  public static final String OPERATION_GENERATE_CONTENT = "generate_content";

  /** Operation value: generation (some frameworks). */
  public static final String OPERATION_GENERATE = "generate";

  /** Operation value: embeddings. */
  public static final String OPERATION_EMBEDDINGS = "embeddings";

  /** Operation value: agent invocation. */
  public static final String OPERATION_INVOKE_AGENT = "invoke_agent";

  /** Operation value: agent creation. */
  public static final String OPERATION_CREATE_AGENT = "create_agent";

  /** Operation value: tool execution. */
  public static final String OPERATION_EXECUTE_TOOL = "execute_tool";

  /** Operation value: one step of an agent loop (Vercel AI SDK agents). */
  public static final String OPERATION_AGENT_STEP = "agent_step";

  /** Operation value: a workflow that coordinates several agents (e.g. a CrewAI crew). */
  public static final String OPERATION_INVOKE_WORKFLOW = "invoke_workflow";

  /** Operation value: a Strands Agents graph of agents (the framework's own name). */
  public static final String OPERATION_INVOKE_GRAPH = "invoke_graph";

  /** Operation value: a Strands Agents swarm of agents (the framework's own name). */
  public static final String OPERATION_INVOKE_SWARM = "invoke_swarm";

  private GenAiAttributes() {}
}
