package dev.loupe.semconv;

/**
 * OpenInference (Arize/Phoenix; LangChain, LlamaIndex, OpenAI Agents, ... instrumentations).
 * Messages are flattened: {@code llm.input_messages.<n>.message.role}, {@code ...message.content},
 * {@code ...message.tool_calls.<m>.tool_call.function.name}.
 */
public final class OpenInferenceAttributes {
  /** Span kind: one of the {@code KIND_*} values. */
  public static final String SPAN_KIND = "openinference.span.kind";

  /** Model name. */
  public static final String LLM_MODEL_NAME = "llm.model_name";

  /** Model that answered (some instrumentations). */
  public static final String LLM_RESPONSE_MODEL = "llm.response.model";

  /** Provider, e.g. {@code openai}. */
  public static final String LLM_PROVIDER = "llm.provider";

  /** AI system, e.g. {@code openai}. */
  public static final String LLM_SYSTEM = "llm.system";

  /** Invocation parameters as one JSON object. */
  public static final String LLM_INVOCATION_PARAMETERS = "llm.invocation_parameters";

  /** Prefix of flattened invocation parameters. */
  public static final String LLM_INVOCATION_PARAMETERS_PREFIX = "llm.invocation_parameters.";

  /** Prefix of flattened input messages: {@code llm.input_messages.<n>.message.<field>}. */
  public static final String LLM_INPUT_MESSAGES_PREFIX = "llm.input_messages.";

  /** Prefix of flattened output messages. */
  public static final String LLM_OUTPUT_MESSAGES_PREFIX = "llm.output_messages.";

  /** Prefix of token counts: {@code llm.token_count.<kind>}. */
  public static final String LLM_TOKEN_COUNT_PREFIX = "llm.token_count.";

  /** Prompt tokens, cache reads and writes included. */
  public static final String LLM_TOKEN_COUNT_PROMPT = "llm.token_count.prompt";

  /** Completion tokens, reasoning included. */
  public static final String LLM_TOKEN_COUNT_COMPLETION = "llm.token_count.completion";

  /** Total tokens. */
  public static final String LLM_TOKEN_COUNT_TOTAL = "llm.token_count.total";

  /** Prompt tokens read from cache. */
  public static final String LLM_TOKEN_COUNT_PROMPT_CACHE_READ =
      "llm.token_count.prompt_details.cache_read";

  /** Prompt tokens written to cache. */
  public static final String LLM_TOKEN_COUNT_PROMPT_CACHE_WRITE =
      "llm.token_count.prompt_details.cache_write";

  /** Prompt audio tokens. */
  public static final String LLM_TOKEN_COUNT_PROMPT_AUDIO = "llm.token_count.prompt_details.audio";

  /** Completion reasoning tokens. */
  public static final String LLM_TOKEN_COUNT_COMPLETION_REASONING =
      "llm.token_count.completion_details.reasoning";

  /** Completion audio tokens. */
  public static final String LLM_TOKEN_COUNT_COMPLETION_AUDIO =
      "llm.token_count.completion_details.audio";

  /** Total cost in USD. */
  public static final String LLM_COST_TOTAL = "llm.cost.total";

  /** Prompt cost in USD. */
  public static final String LLM_COST_PROMPT = "llm.cost.prompt";

  /** Completion cost in USD. */
  public static final String LLM_COST_COMPLETION = "llm.cost.completion";

  /** Input of any span kind (text or JSON, see {@link #INPUT_MIME_TYPE}). */
  public static final String INPUT_VALUE = "input.value";

  /** MIME type of {@link #INPUT_VALUE}: {@code text/plain} or {@code application/json}. */
  public static final String INPUT_MIME_TYPE = "input.mime_type";

  /** Output of any span kind. */
  public static final String OUTPUT_VALUE = "output.value";

  /** MIME type of {@link #OUTPUT_VALUE}. */
  public static final String OUTPUT_MIME_TYPE = "output.mime_type";

  /** Tool name on a TOOL span. */
  public static final String TOOL_NAME = "tool.name";

  /** Tool parameters (JSON schema) on a TOOL span. */
  public static final String TOOL_PARAMETERS = "tool.parameters";

  /** Session id (same key as {@link CommonAttributes#SESSION_ID}). */
  public static final String SESSION_ID = "session.id";

  /** User id (same key as {@link CommonAttributes#USER_ID}). */
  public static final String USER_ID = "user.id";

  /** Tags: a string array. */
  public static final String TAG_TAGS = "tag.tags";

  /** Metadata as one JSON object. */
  public static final String METADATA = "metadata";

  /** Span kind value: a model call. */
  public static final String KIND_LLM = "LLM";

  /** Span kind value: a chain of steps. */
  public static final String KIND_CHAIN = "CHAIN";

  /** Span kind value: retrieval. */
  public static final String KIND_RETRIEVER = "RETRIEVER";

  /** Span kind value: reranking (no matching observation type). */
  public static final String KIND_RERANKER = "RERANKER";

  /** Span kind value: embedding call. */
  public static final String KIND_EMBEDDING = "EMBEDDING";

  /** Span kind value: agent. */
  public static final String KIND_AGENT = "AGENT";

  /** Span kind value: tool call. */
  public static final String KIND_TOOL = "TOOL";

  /** Span kind value: guardrail. */
  public static final String KIND_GUARDRAIL = "GUARDRAIL";

  /** Span kind value: evaluator. */
  public static final String KIND_EVALUATOR = "EVALUATOR";

  private OpenInferenceAttributes() {}
}
