package dev.loupe.ingest.convention;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.semconv.LangfuseAttributes;
import dev.loupe.semconv.OpenInferenceAttributes;
import dev.loupe.semconv.VercelAiAttributes;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Trace tags from {@code langfuse.trace.tags}, {@code langfuse.tags}, {@code
 * langfuse.{observation,trace}.metadata.langfuse_tags}, {@code ai.telemetry.metadata.tags}, {@code
 * tag.tags}: a string array, a JSON array string, a comma-separated list or a single string. Tags
 * are trimmed; empty ones dropped.
 */
final class TagsRule {
  static final String[] TAG_KEYS = {
    LangfuseAttributes.TRACE_TAGS,
    LangfuseAttributes.TAGS,
    LangfuseAttributes.OBSERVATION_METADATA_PREFIX + LangfuseAttributes.METADATA_KEY_TAGS,
    LangfuseAttributes.TRACE_METADATA_PREFIX + LangfuseAttributes.METADATA_KEY_TAGS,
    VercelAiAttributes.TELEMETRY_METADATA_TAGS,
    OpenInferenceAttributes.TAG_TAGS
  };

  private TagsRule() {}

  static List<String> apply(SpanView s) {
    String key = s.firstKey(TAG_KEYS);
    return key == null ? List.of() : parse(s.attr(key));
  }

  static List<String> parse(Object value) {
    List<String> tags = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object o : list) add(tags, o == null ? null : Values.text(o));
    } else if (value instanceof String s) {
      JsonNode array = s.strip().startsWith("[") ? Values.parse(s) : null;
      if (array != null && array.isArray()) {
        for (JsonNode n : array) add(tags, n.isTextual() ? n.asText() : n.toString());
      } else if (s.indexOf(',') >= 0) {
        for (String part : s.split(",")) add(tags, part);
      } else {
        add(tags, s);
      }
    } else if (value != null) {
      add(tags, Values.text(value));
    }
    return tags;
  }

  private static void add(List<String> tags, @Nullable String tag) {
    if (tag == null) return;
    String t = tag.strip();
    if (!t.isEmpty() && !tags.contains(t)) tags.add(t);
  }
}
