package dev.loupe.semconv;

/**
 * Keys from Lemma's trace contract. Lemma instruments with the Langfuse SDK; a thread (multi-turn
 * conversation) is the session id and/or {@code metadata["lemma.thread_id"]}, which {@code
 * propagateAttributes} sends as trace metadata.
 */
public final class LemmaAttributes {
  /** Thread id as a span attribute; read as the trace's session id. */
  public static final String THREAD_ID = "lemma.thread_id";

  /** Thread id sent as trace metadata {@code {"lemma.thread_id": ...}}. */
  public static final String TRACE_METADATA_THREAD_ID = "langfuse.trace.metadata.lemma.thread_id";

  /** Thread id sent as trace metadata {@code {"lemma_thread_id": ...}}. */
  public static final String TRACE_METADATA_THREAD_ID_UNDERSCORE =
      "langfuse.trace.metadata.lemma_thread_id";

  /** Metadata key of the thread id ({@code lemma.thread_id}). */
  public static final String METADATA_KEY_THREAD_ID = "lemma.thread_id";

  /** Metadata key of the thread id, underscore form ({@code lemma_thread_id}). */
  public static final String METADATA_KEY_THREAD_ID_UNDERSCORE = "lemma_thread_id";

  /** User id (older Lemma SDKs). */
  public static final String USER_ID = "lemma.user_id";

  /** Session id (older Lemma SDKs). */
  public static final String SESSION_ID = "lemma.session_id";

  /** Environment (older Lemma SDKs). */
  public static final String ENVIRONMENT = "lemma.environment";

  /** Feature name (older Lemma SDKs), a dashboard filter. */
  public static final String FEATURE = "lemma.feature";

  /** Run id of an older Lemma SDK's per-run export. */
  public static final String RUN_ID = "lemma.run_id";

  /** Agent name, sent as trace metadata beside the trace name. */
  public static final String AGENT_NAME = "gen_ai.agent.name";

  /** Tenant, a recommended custom attribute. */
  public static final String APP_TENANT_ID = "app.tenant.id";

  /** Outcome of the run, a recommended custom attribute. */
  public static final String APP_OUTCOME = "app.outcome";

  private LemmaAttributes() {}
}
