package dev.loupe.ingest.convention;

import dev.loupe.model.Json;
import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.semconv.LangfuseAttributes;
import dev.loupe.semconv.LemmaAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a span says about its trace. A root (no parent, or {@code langfuse.internal.as_root=true})
 * gives the full trace: name = {@code langfuse.trace.name} ?? the observation name, input/output =
 * {@code langfuse.trace.input/output} ?? the observation's, user, session, tags, metadata, version,
 * release, environment, public. A child with any trace attribute gives an update carrying only
 * those fields (input and output only from {@code langfuse.trace.*}). Any other span gives a
 * shallow trace {id, timestamp, environment}. The timestamp is always the span start; storage
 * merges the writes.
 */
final class TraceRule {
  private static final String[] TRACE_KEYS = traceKeys();

  private TraceRule() {}

  static boolean isRoot(SpanView s) {
    return s.parentId() == null
        || Values.isTrue(s.attributes.get(LangfuseAttributes.INTERNAL_AS_ROOT));
  }

  /**
   * True when the span carries any trace attribute (user, session, tags, trace name/io/metadata,
   * ...).
   */
  static boolean hasTraceAttributes(SpanView s) {
    return !s.keys(KeyGroup.TRACE_METADATA).isEmpty() || s.firstKey(TRACE_KEYS) != null;
  }

  static Trace apply(String projectId, SpanView s, Observation o) {
    Trace.Builder t =
        Trace.builder(projectId, o.traceId(), o.startTime()).environment(o.environment());
    boolean root = isRoot(s);
    if (!root && !hasTraceAttributes(s)) return t.build();
    Map<String, Object> metadata = MetadataRule.trace(s);
    String name = s.string(LangfuseAttributes.TRACE_NAME);
    String input = json(s.attr(LangfuseAttributes.TRACE_INPUT));
    String output = json(s.attr(LangfuseAttributes.TRACE_OUTPUT));
    if (root) {
      if (name == null) name = o.name();
      if (input == null) input = o.input();
      if (output == null) output = o.output();
    }
    return t.name(name)
        .input(input)
        .output(output)
        .userId(UserSessionRule.userId(s))
        .sessionId(UserSessionRule.sessionId(s, metadata))
        .tags(TagsRule.apply(s))
        .metadata(metadata.isEmpty() ? null : Json.write(metadata))
        .version(o.version())
        .release(o.release())
        .isPublic(
            Values.isTrue(s.attr(LangfuseAttributes.TRACE_PUBLIC))
                || Values.isTrue(s.attr(LangfuseAttributes.PUBLIC)))
        .build();
  }

  private static @Nullable String json(@Nullable Object v) {
    return v == null ? null : Values.jsonText(v);
  }

  private static String[] traceKeys() {
    List<String> keys =
        new ArrayList<>(
            List.of(
                LangfuseAttributes.TRACE_NAME,
                LangfuseAttributes.TRACE_INPUT,
                LangfuseAttributes.TRACE_OUTPUT,
                LangfuseAttributes.TRACE_METADATA,
                LangfuseAttributes.TRACE_PUBLIC,
                LemmaAttributes.SESSION_ID));
    keys.addAll(List.of(UserSessionRule.USER_KEYS));
    keys.addAll(List.of(UserSessionRule.SESSION_KEYS));
    keys.addAll(List.of(TagsRule.TAG_KEYS));
    return keys.stream().distinct().toArray(String[]::new);
  }
}
