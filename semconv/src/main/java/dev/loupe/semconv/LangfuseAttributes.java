package dev.loupe.semconv;

/**
 * Keys of the Langfuse SDKs ({@code @langfuse/tracing}, the Python SDK v3+). Objects are sent as
 * JSON text, strings as is. Trace attributes are copied by {@code propagateAttributes} onto every
 * span in scope.
 */
public final class LangfuseAttributes {
  /** Instrumentation scope name of the Langfuse SDKs ({@code langfuse-sdk}). */
  public static final String SCOPE_NAME = "langfuse-sdk";

  /** Observation type: one of {@link ObservationTypeValues}. */
  public static final String OBSERVATION_TYPE = "langfuse.observation.type";

  /**
   * Level: {@code DEBUG}, {@code DEFAULT}, {@code WARNING}, {@code ERROR} (aliases such as {@code
   * WARN} accepted).
   */
  public static final String OBSERVATION_LEVEL = "langfuse.observation.level";

  /** Human-readable status, typically the error message. */
  public static final String OBSERVATION_STATUS_MESSAGE = "langfuse.observation.status_message";

  /** Observation input: JSON text, or a plain string. */
  public static final String OBSERVATION_INPUT = "langfuse.observation.input";

  /** Observation output: JSON text, or a plain string. */
  public static final String OBSERVATION_OUTPUT = "langfuse.observation.output";

  /** Observation metadata as one JSON object. */
  public static final String OBSERVATION_METADATA = "langfuse.observation.metadata";

  /** Prefix of flattened observation metadata: {@code langfuse.observation.metadata.<key>}. */
  public static final String OBSERVATION_METADATA_PREFIX = "langfuse.observation.metadata.";

  /** Model name of a generation, e.g. {@code gpt-4o}. */
  public static final String OBSERVATION_MODEL_NAME = "langfuse.observation.model.name";

  /** Model parameters as a JSON object, e.g. {@code {"temperature":0.2}}. */
  public static final String OBSERVATION_MODEL_PARAMETERS = "langfuse.observation.model.parameters";

  /** Usage as a JSON object of counts, e.g. {@code {"input":42,"output":17}}. */
  public static final String OBSERVATION_USAGE_DETAILS = "langfuse.observation.usage_details";

  /** Provided cost in USD as a JSON object, e.g. {@code {"total":0.0012}}. */
  public static final String OBSERVATION_COST_DETAILS = "langfuse.observation.cost_details";

  /** First token time, ISO-8601 (older SDKs send it JSON-quoted twice). */
  public static final String OBSERVATION_COMPLETION_START_TIME =
      "langfuse.observation.completion_start_time";

  /** Name of the managed prompt used by a generation. */
  public static final String OBSERVATION_PROMPT_NAME = "langfuse.observation.prompt.name";

  /** Version (integer) of the managed prompt used by a generation. */
  public static final String OBSERVATION_PROMPT_VERSION = "langfuse.observation.prompt.version";

  /** Trace name. */
  public static final String TRACE_NAME = "langfuse.trace.name";

  /** Trace input: JSON text, or a plain string. */
  public static final String TRACE_INPUT = "langfuse.trace.input";

  /** Trace output: JSON text, or a plain string. */
  public static final String TRACE_OUTPUT = "langfuse.trace.output";

  /** Trace tags: a string array (or a JSON array / comma list string). */
  public static final String TRACE_TAGS = "langfuse.trace.tags";

  /** Trace metadata as one JSON object. */
  public static final String TRACE_METADATA = "langfuse.trace.metadata";

  /**
   * Prefix of flattened trace metadata: {@code langfuse.trace.metadata.<key>} (string values ≤ 200
   * chars).
   */
  public static final String TRACE_METADATA_PREFIX = "langfuse.trace.metadata.";

  /** Whether the trace is publicly shareable ({@code true}/{@code "true"}). */
  public static final String TRACE_PUBLIC = "langfuse.trace.public";

  /** User id (compatibility key; the SDK sends {@link CommonAttributes#USER_ID}). */
  public static final String USER_ID = "langfuse.user.id";

  /** Session id (compatibility key; the SDK sends {@link CommonAttributes#SESSION_ID}). */
  public static final String SESSION_ID = "langfuse.session.id";

  /** Application version. */
  public static final String VERSION = "langfuse.version";

  /** Release identifier. */
  public static final String RELEASE = "langfuse.release";

  /** Environment, e.g. {@code production}; normalized by the server. */
  public static final String ENVIRONMENT = "langfuse.environment";

  /** Tags (older key). */
  public static final String TAGS = "langfuse.tags";

  /** Public flag (older key). */
  public static final String PUBLIC = "langfuse.public";

  /** Metadata as one JSON object (older key, both trace and observation). */
  public static final String METADATA = "langfuse.metadata";

  /** Prefix of flattened metadata (older key): {@code langfuse.metadata.<key>}. */
  public static final String METADATA_PREFIX = "langfuse.metadata.";

  /** Prompt name (older key). */
  public static final String PROMPT_NAME = "langfuse.prompt.name";

  /** Prompt version (older key). */
  public static final String PROMPT_VERSION = "langfuse.prompt.version";

  /** Makes a span with a parent the root of its trace ({@code true}). */
  public static final String INTERNAL_AS_ROOT = "langfuse.internal.as_root";

  /** Set by the JS SDK on the application's outermost span. */
  public static final String INTERNAL_IS_APP_ROOT = "langfuse.internal.is_app_root";

  /**
   * Metadata key carrying a user id (OpenAI / LangChain integrations): {@code
   * ...metadata.langfuse_user_id}.
   */
  public static final String METADATA_KEY_USER_ID = "langfuse_user_id";

  /** Metadata key carrying a session id: {@code ...metadata.langfuse_session_id}. */
  public static final String METADATA_KEY_SESSION_ID = "langfuse_session_id";

  /** Metadata key carrying tags: {@code ...metadata.langfuse_tags}. */
  public static final String METADATA_KEY_TAGS = "langfuse_tags";

  private LangfuseAttributes() {}
}
