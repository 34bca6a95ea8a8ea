package dev.loupe.ingest.convention;

import dev.loupe.model.Level;
import dev.loupe.semconv.FrameworkAttributes;
import dev.loupe.semconv.LangfuseAttributes;
import java.util.Optional;
import java.util.Set;

/**
 * The level: {@code langfuse.observation.level} (aliases such as WARN, FATAL accepted), else ERROR
 * for OTel status code 2, else DEBUG for LiveKit's internal spans, else DEFAULT.
 */
final class LevelRule {
  static final int STATUS_ERROR = 2;
  private static final Set<String> LIVEKIT_DEBUG_SPANS =
      Set.of(
          "user_speaking",
          "eou_detection",
          "llm_request_run",
          "tts_node",
          "tts_request",
          "tts_request_run",
          "tts_stream_adapter",
          "agent_speaking",
          "drain_agent_activity",
          "on_exit",
          "on_enter",
          "llm_fallback_adapter",
          "tts_fallback_adapter",
          "start_agent_activity");

  private LevelRule() {}

  static Mapped<Level> apply(SpanView s) {
    String sent = s.string(LangfuseAttributes.OBSERVATION_LEVEL);
    Optional<Level> parsed = sent == null ? Optional.empty() : Level.parse(sent);
    if (parsed.isPresent()) return new Mapped<>(parsed.get(), LangfuseAttributes.OBSERVATION_LEVEL);
    String unknown =
        sent == null
            ? ""
            : " (unknown " + LangfuseAttributes.OBSERVATION_LEVEL + " '" + sent + "')";
    if (s.span.statusCode() == STATUS_ERROR)
      return new Mapped<>(Level.ERROR, "status.code=ERROR" + unknown);
    if (s.scopeIs(FrameworkAttributes.LIVEKIT_SCOPE)
        && LIVEKIT_DEBUG_SPANS.contains(s.span.name())) {
      return new Mapped<>(Level.DEBUG, "LiveKit internal span");
    }
    return new Mapped<>(Level.DEFAULT, "default" + unknown);
  }
}
