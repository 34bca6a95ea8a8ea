package dev.loupe.ingest.convention;

import dev.loupe.ingest.otlp.SpanRecord;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.model.UsageScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Applies the attribute conventions of every dialect ({@code langfuse.*}, OTel GenAI {@code
 * gen_ai.*} old and new, Vercel AI SDK {@code ai.*}, OpenInference {@code llm.*}, and smaller
 * frameworks) to one span: each field comes from its rule class, first matching source wins, and
 * {@link Observation#mappingNotes()} records which source set type, name, level, model, usage,
 * cost, input and output, or why a generation has no model or usage; a span whose usage is the
 * total of its descendants' model calls gets {@link dev.loupe.model.UsageScope#DESCENDANTS} and a
 * {@value #USAGE_SCOPE} note ({@code UsageScopeRule}). Stateless and thread-safe; one instance can
 * serve every ingest thread.
 *
 * <pre>{@code
 * NormalizedSpan n = new SpanNormalizer().normalize("proj-1", span);
 * traces.add(n.trace());              // OtlpIngest collects both into its IngestResult,
 * observations.add(n.observation());  // which the pipeline's Ingestion prices and stores
 * }</pre>
 */
public final class SpanNormalizer {
  /** The mapping-note key saying why an observation's usage is its descendants' total. */
  public static final String USAGE_SCOPE = "usageScope";

  private static final String NO_MODEL =
      "missing: no model attribute (langfuse.observation.model.name, "
          + "gen_ai.response.model, gen_ai.request.model, ai.model.id, llm.model_name)";
  private static final String NO_USAGE =
      "missing: %s has model %s but no usage "
          + "(langfuse.observation.usage_details, gen_ai.usage.*, llm.token_count.*)";

  /**
   * Normalizes one span of {@code projectId} into its observation and what it says about its trace.
   */
  public NormalizedSpan normalize(String projectId, SpanRecord span) {
    SpanView s = new SpanView(span);
    List<Map.Entry<String, String>> notes = new ArrayList<>(10);
    Mapped<ObservationType> type = ObservationTypeRule.apply(s);
    notes.add(Map.entry("type", type.source()));
    Mapped<String> name = NameRule.apply(s);
    notes.add(Map.entry("name", name.source()));
    Mapped<Level> level = LevelRule.apply(s);
    notes.add(Map.entry("level", level.source()));
    Mapped<@Nullable String> model = ModelRule.apply(s);
    String modelName = model == null ? null : model.value();
    if (model != null) notes.add(Map.entry("model", model.source()));
    else if (type.value().callsModel()) notes.add(Map.entry("model", NO_MODEL));
    Mapped<Map<String, Long>> usage = UsageRule.apply(s);
    if (usage != null) notes.add(Map.entry("usage", usage.source()));
    else if (type.value().callsModel() && modelName != null) {
      notes.add(Map.entry("usage", String.format(NO_USAGE, type.value(), modelName)));
    }
    CostRule.Result cost = CostRule.apply(s);
    if (cost.source() != null) notes.add(Map.entry("cost", cost.source()));
    Mapped<UsageScope> scope =
        usage != null || cost.source() != null ? UsageScopeRule.apply(s) : null;
    if (scope != null) notes.add(Map.entry(USAGE_SCOPE, scope.source()));
    InputOutputRule.Result io = InputOutputRule.apply(s);
    notes.add(Map.entry("input", io.input() != null ? io.source() : "none"));
    notes.add(Map.entry("output", io.output() != null ? io.source() : "none"));
    PromptRule.Prompt prompt = PromptRule.apply(s, type.value());

    Observation observation =
        Observation.builder(projectId, span.spanId(), span.traceId(), s.start())
            .parentObservationId(s.parentId())
            .type(type.value())
            .name(name.value())
            .endTime(s.end())
            .completionStartTime(CompletionStartTimeRule.apply(s))
            .level(level.value())
            .statusMessage(StatusMessageRule.apply(s))
            .model(modelName)
            .modelParameters(ModelParametersRule.apply(s))
            .input(io.input())
            .output(io.output())
            .metadata(MetadataRule.observation(s))
            .usageDetails(usage == null ? Map.of() : usage.value())
            .costDetails(cost.costs())
            .costSource(cost.costSource())
            .environment(EnvironmentRule.apply(s))
            .version(VersionReleaseRule.version(s))
            .release(VersionReleaseRule.release(s))
            .promptName(prompt.name())
            .promptVersion(prompt.version())
            .mappingNotes(immutable(notes))
            .usageScope(scope == null ? UsageScope.OWN : scope.value())
            .build();
    Trace trace = TraceRule.apply(projectId, s, observation);
    return new NormalizedSpan(observation, trace);
  }

  /**
   * The notes as the immutable map {@link Observation} keeps (it copies any other kind): built here
   * from the entries, not through a {@code LinkedHashMap} and a copy of it.
   */
  @SuppressWarnings({"unchecked", "rawtypes"}) // an array of generic entries
  private static Map<String, String> immutable(List<Map.Entry<String, String>> notes) {
    return Map.ofEntries(notes.toArray(new Map.Entry[0]));
  }

  @Override
  public String toString() {
    return "SpanNormalizer";
  }
}
