package dev.loupe.ingest.convention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.loupe.model.Json;
import dev.loupe.semconv.LangfuseAttributes;
import dev.loupe.semconv.VercelAiAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Metadata. User metadata is the JSON object in {@code langfuse.observation.metadata} (trace:
 * {@code langfuse.trace.metadata}) or {@code langfuse.metadata}, merged with the flattened keys
 * {@code <prefix>.<key>} of that prefix, {@code langfuse.metadata} and {@code
 * ai.telemetry.metadata} (minus the AI SDK's userId/sessionId/tags/langfusePrompt, which are
 * fields). Flattened values holding a JSON object or array (the SDKs send non-strings as JSON) are
 * kept as JSON. Observation metadata also gets the AI SDK's {@code tools}, {@code attributes}
 * (every other span attribute as a string, input/output keys removed; left out for the Langfuse
 * SDK, whose attributes are all mapped to fields), {@code resourceAttributes} and {@code scope
 * {name, version}}.
 */
final class MetadataRule {
  private static final Set<String> VERCEL_FIELDS =
      Set.of(
          VercelAiAttributes.TELEMETRY_METADATA_USER_ID,
          VercelAiAttributes.TELEMETRY_METADATA_SESSION_ID,
          VercelAiAttributes.TELEMETRY_METADATA_TAGS,
          VercelAiAttributes.TELEMETRY_METADATA_LANGFUSE_PROMPT);

  private static final String RESOURCE = "resourceAttributes";
  private static final String SCOPE = "scope";

  private MetadataRule() {}

  /** Observation metadata as JSON object text, or null when empty. */
  static @Nullable String observation(SpanView s) {
    Map<String, Object> m =
        user(s, LangfuseAttributes.OBSERVATION_METADATA, KeyGroup.OBSERVATION_METADATA);
    Object tools = s.attr(VercelAiAttributes.PROMPT_TOOLS);
    if (tools != null) m.put("tools", tools);
    if (!s.scope.startsWith(LangfuseAttributes.SCOPE_NAME)) {
      Map<String, String> attributes = remainingAttributes(s);
      if (!attributes.isEmpty()) m.put("attributes", attributes);
    }
    if (m.containsKey(RESOURCE) || m.containsKey(SCOPE)) { // user keys of those names: replaced
      if (!s.resource.isEmpty()) m.put(RESOURCE, new RawValue(Json.write(s.resource)));
      if (!s.scope.isEmpty()) m.put(SCOPE, scope(s));
      return m.isEmpty() ? null : Json.write(m);
    }
    String tail = resourceAndScope(s);
    if (m.isEmpty()) return tail.isEmpty() ? null : "{" + tail + "}";
    String head = Json.write(m);
    return tail.isEmpty() ? head : head.substring(0, head.length() - 1) + "," + tail + "}";
  }

  private static Map<String, Object> scope(SpanView s) {
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("name", s.scope);
    if (s.span.scopeVersion() != null) scope.put("version", s.span.scopeVersion());
    return scope;
  }

  /** A resource and scope and the metadata members they give. */
  private record Written(
      Map<String, Object> resource, String scope, @Nullable String version, String members) {}

  /** The last resource and scope written: every span of a request's scope shares them. */
  private static volatile @Nullable Written last;

  /**
   * The {@code "resourceAttributes":{...},"scope":{...}} members (either absent when empty; empty
   * text when both are), the last metadata members: written once per resource and scope rather than
   * once per span. The decoders give each resource an unmodifiable map of its own, so the same map
   * is the same text.
   */
  private static String resourceAndScope(SpanView s) {
    String version = s.span.scopeVersion();
    Written w = last;
    if (w != null
        && w.resource() == s.resource
        && w.scope().equals(s.scope)
        && Objects.equals(w.version(), version)) return w.members();
    Map<String, Object> m = new LinkedHashMap<>();
    if (!s.resource.isEmpty()) m.put(RESOURCE, s.resource);
    if (!s.scope.isEmpty()) m.put(SCOPE, scope(s));
    String json = Json.write(m);
    String members = json.substring(1, json.length() - 1);
    last = new Written(s.resource, s.scope, version, members);
    return members;
  }

  /** Trace metadata (possibly empty): the user metadata of the trace domain. */
  static Map<String, Object> trace(SpanView s) {
    return user(s, LangfuseAttributes.TRACE_METADATA, KeyGroup.TRACE_METADATA);
  }

  private static Map<String, Object> user(SpanView s, String objectKey, KeyGroup prefixed) {
    Map<String, Object> m = new LinkedHashMap<>();
    Object whole = s.attr(objectKey);
    if (whole == null) whole = s.attr(LangfuseAttributes.METADATA);
    JsonNode object = whole == null ? null : Values.tree(whole);
    if (object != null && object.isObject())
      object.properties().forEach(e -> m.put(e.getKey(), e.getValue()));
    for (KeyGroup g :
        new KeyGroup[] {prefixed, KeyGroup.LANGFUSE_METADATA, KeyGroup.AI_TELEMETRY_METADATA}) {
      for (String key : s.keys(g)) {
        if (g == KeyGroup.AI_TELEMETRY_METADATA && VERCEL_FIELDS.contains(key)) continue;
        Object v = s.attributes.get(key);
        if (v != null) m.put(g.suffix(key), Values.embeddable(v));
      }
    }
    return m;
  }

  private static Map<String, String> remainingAttributes(SpanView s) {
    Map<String, String> out = new LinkedHashMap<>();
    s.attributes.forEach(
        (k, v) -> {
          if (v != null && !InputOutputRule.isIoKey(k)) out.put(k, Values.text(v));
        });
    return out;
  }
}
