package dev.loupe.ingest.convention;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.semconv.CommonAttributes;
import dev.loupe.semconv.GenAiAttributes;
import dev.loupe.semconv.LangfuseAttributes;
import dev.loupe.semconv.LemmaAttributes;
import dev.loupe.semconv.VercelAiAttributes;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The trace's user and session (thread). User: {@code langfuse.user.id}, {@code user.id}, {@code
 * langfuse.{observation,trace}.metadata.langfuse_user_id}, {@code ai.telemetry.metadata.userId},
 * {@code lemma.user_id}. Session: {@code langfuse.session.id}, {@code session.id}, {@code
 * gen_ai.conversation.id}, {@code ...metadata.langfuse_session_id}, {@code
 * ai.telemetry.metadata.sessionId}, then Lemma's thread: {@code lemma.thread_id} as a span
 * attribute or as trace metadata ({@code lemma.thread_id} or {@code lemma_thread_id}, flattened or
 * inside the {@code langfuse.trace.metadata} object), then {@code lemma.session_id}. Non-string
 * values are kept as their JSON text.
 */
final class UserSessionRule {
  static final String[] USER_KEYS = {
    LangfuseAttributes.USER_ID,
    CommonAttributes.USER_ID,
    LangfuseAttributes.OBSERVATION_METADATA_PREFIX + LangfuseAttributes.METADATA_KEY_USER_ID,
    LangfuseAttributes.TRACE_METADATA_PREFIX + LangfuseAttributes.METADATA_KEY_USER_ID,
    VercelAiAttributes.TELEMETRY_METADATA_USER_ID,
    LemmaAttributes.USER_ID
  };
  static final String[] SESSION_KEYS = {
    LangfuseAttributes.SESSION_ID,
    CommonAttributes.SESSION_ID,
    GenAiAttributes.CONVERSATION_ID,
    LangfuseAttributes.OBSERVATION_METADATA_PREFIX + LangfuseAttributes.METADATA_KEY_SESSION_ID,
    LangfuseAttributes.TRACE_METADATA_PREFIX + LangfuseAttributes.METADATA_KEY_SESSION_ID,
    VercelAiAttributes.TELEMETRY_METADATA_SESSION_ID,
    LemmaAttributes.THREAD_ID,
    LemmaAttributes.TRACE_METADATA_THREAD_ID,
    LemmaAttributes.TRACE_METADATA_THREAD_ID_UNDERSCORE
  };

  /** Lemma's thread keys inside a {@code langfuse.trace.metadata} object. */
  private static final String[] THREAD_METADATA_KEYS = {
    LemmaAttributes.METADATA_KEY_THREAD_ID, LemmaAttributes.METADATA_KEY_THREAD_ID_UNDERSCORE
  };

  private UserSessionRule() {}

  static @Nullable String userId(SpanView s) {
    String key = s.firstKey(USER_KEYS);
    return key == null ? null : s.string(key);
  }

  /**
   * @param traceMetadata the trace metadata already read ({@link MetadataRule#trace}), searched for
   *     the Lemma thread keys inside a {@code langfuse.trace.metadata} JSON object
   */
  static @Nullable String sessionId(SpanView s, Map<String, Object> traceMetadata) {
    String key = s.firstKey(SESSION_KEYS);
    if (key != null) return s.string(key);
    for (String k : THREAD_METADATA_KEYS) {
      Object v = traceMetadata.get(k);
      if (v instanceof JsonNode n && n.isTextual()) return n.asText();
      if (Values.meaningful(v) && !(v instanceof JsonNode n && n.isNull())) return Values.text(v);
    }
    return s.string(LemmaAttributes.SESSION_ID);
  }
}
