package dev.loupe.model;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A span, generation, event, tool call, ... inside a trace. Several writes of the same (projectId,
 * id) merge with {@link #mergedWith(Observation)}.
 *
 * <p>{@code input}, {@code output}, {@code metadata} and {@code modelParameters} are compact JSON
 * text (metadata and model parameters are objects). {@code usageDetails} maps usage types ({@code
 * input}, {@code output}, {@code total}, {@code input_cached_tokens}, ...) to units; {@code
 * costDetails} maps the same types to USD. {@code mappingNotes} says which rule set each derived
 * field (key: field such as {@code type}, {@code model}, {@code usage}, {@code input}; value: the
 * rule), for users who ask "why is my token count missing?". {@code usageScope} says whether the
 * usage is the observation's own or the total of its descendants' ({@link UsageScope}): only
 * observations that {@link #countsInTotals()} add to trace, session, user and metrics totals.
 */
public record Observation(
    String projectId,
    String id,
    String traceId,
    @Nullable String parentObservationId,
    ObservationType type,
    @Nullable String name,
    Instant startTime,
    @Nullable Instant endTime,
    @Nullable Instant completionStartTime,
    Level level,
    @Nullable String statusMessage,
    @Nullable String model,
    @Nullable String modelParameters,
    @Nullable String input,
    @Nullable String output,
    @Nullable String metadata,
    Map<String, Long> usageDetails,
    Map<String, BigDecimal> costDetails,
    CostSource costSource,
    @Nullable String pricedModelId,
    String environment,
    @Nullable String version,
    @Nullable String release,
    @Nullable String promptName,
    @Nullable Integer promptVersion,
    Map<String, String> mappingNotes,
    UsageScope usageScope) {

  /**
   * Mapping-note key an ingest path sets when the wire gave no trace id and it used a stand-in; a
   * merge then keeps the trace id of the earlier write that had a real one.
   */
  public static final String DEFAULTED_TRACE_ID = "traceId";

  public Observation {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, "id");
    requireNonNull(traceId, "traceId");
    if (id.isBlank()) throw new IllegalArgumentException("id is blank");
    if (traceId.isBlank()) throw new IllegalArgumentException("traceId is blank");
    requireNonNull(type, "type");
    startTime = Times.micros(requireNonNull(startTime, "startTime"));
    endTime = Times.micros(endTime);
    completionStartTime = Times.micros(completionStartTime);
    requireNonNull(level, "level");
    usageDetails = Map.copyOf(requireNonNull(usageDetails, "usageDetails"));
    costDetails = Map.copyOf(requireNonNull(costDetails, "costDetails"));
    requireNonNull(costSource, "costSource");
    environment =
        environment == null || environment.isBlank() ? Trace.DEFAULT_ENVIRONMENT : environment;
    mappingNotes = Map.copyOf(requireNonNull(mappingNotes, "mappingNotes"));
    requireNonNull(usageScope, "usageScope");
  }

  public static Builder builder(String projectId, String id, String traceId, Instant startTime) {
    return new Builder(projectId, id, traceId, startTime);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** end − start; empty while the observation has no end. */
  public @Nullable Duration latency() {
    return endTime == null ? null : Duration.between(startTime, endTime);
  }

  /** completionStart − start; empty without a completion start time. */
  public @Nullable Duration timeToFirstToken() {
    return completionStartTime == null ? null : Duration.between(startTime, completionStartTime);
  }

  /** end − completionStart: how long the streamed answer took; empty without both. */
  public @Nullable Duration streamingLatency() {
    return completionStartTime == null || endTime == null
        ? null
        : Duration.between(completionStartTime, endTime);
  }

  /**
   * Whether totals (trace, traces list, session, user, metrics) add this observation's usage and
   * cost: false when its usage is the total of its descendants' ({@link UsageScope#DESCENDANTS}),
   * which its descendants already count.
   */
  public boolean countsInTotals() {
    return usageScope == UsageScope.OWN;
  }

  /**
   * Input-side units: {@code input} plus every {@code input_*} bucket (cache reads, writes, audio).
   */
  public long inputTokens() {
    return sumUsage("input");
  }

  /** Output-side units: {@code output} plus every {@code output_*} bucket (reasoning, audio). */
  public long outputTokens() {
    return sumUsage("output");
  }

  /**
   * {@code usageDetails.total} when given, else the sum of all usage entries. Sums saturate at
   * {@code Long.MAX_VALUE} rather than wrap.
   */
  public long totalTokens() {
    Long total = usageDetails.get("total");
    if (total != null) return total;
    long sum = 0;
    for (long v : usageDetails.values()) sum = Saturating.add(sum, v);
    return sum;
  }

  /** Input units read from a prompt cache ({@code input_cached_tokens}). */
  public long cachedInputTokens() {
    return usageDetails.getOrDefault("input_cached_tokens", 0L);
  }

  /** Reasoning units ({@code output_reasoning_tokens}). */
  public long reasoningTokens() {
    return usageDetails.getOrDefault("output_reasoning_tokens", 0L);
  }

  /**
   * Output tokens per second of latency ({@link #outputTokens()} ÷ (end − start)); empty without an
   * end or with zero latency.
   */
  public @Nullable Double outputTokensPerSecond() {
    Duration latency = latency();
    if (latency == null || latency.isZero() || latency.isNegative()) return null;
    return outputTokens() / (Times.toMicros(latency) / 1e6);
  }

  /**
   * Cost of the input side: {@code input} plus every {@code input_*} cost entry; null when none.
   */
  public @Nullable BigDecimal inputCost() {
    return sumCost("input");
  }

  /** Cost of the output side: {@code output} plus every {@code output_*} entry; null when none. */
  public @Nullable BigDecimal outputCost() {
    return sumCost("output");
  }

  private long sumUsage(String side) {
    long sum = 0;
    for (Map.Entry<String, Long> e : usageDetails.entrySet()) {
      if (isSide(e.getKey(), side)) sum = Saturating.add(sum, e.getValue());
    }
    return sum;
  }

  private @Nullable BigDecimal sumCost(String side) {
    BigDecimal sum = null;
    for (Map.Entry<String, BigDecimal> e : costDetails.entrySet()) {
      if (isSide(e.getKey(), side)) sum = sum == null ? e.getValue() : sum.add(e.getValue());
    }
    return sum;
  }

  private static boolean isSide(String key, String side) {
    return key.startsWith(side)
        && (key.length() == side.length() || key.charAt(side.length()) == '_');
  }

  /**
   * The total cost: {@code costDetails.total}, else the sum of the other entries; null when none.
   */
  public @Nullable BigDecimal totalCost() {
    if (costDetails.isEmpty()) return null;
    BigDecimal total = costDetails.get("total");
    if (total != null) return total;
    return costDetails.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /**
   * This observation updated by a later write of the same id: newer non-null fields win; a newer
   * SPAN type or DEFAULT level does not undo a specific one; start is the earliest; usage,
   * metadata, model parameters and mapping notes merge key by key. Costs are one priced whole: a
   * newer write whose cost source is not {@link CostSource#NONE} replaces cost details, source and
   * priced model together (a re-pricing writes exactly that). A usage scope of {@link
   * UsageScope#DESCENDANTS} stays once any write said so (the default {@code OWN} of a later write
   * that knows nothing of it does not undo it).
   */
  public Observation mergedWith(Observation newer) {
    if (!projectId.equals(newer.projectId) || !id.equals(newer.id)) {
      throw new IllegalArgumentException("cannot merge observation " + id + " with " + newer.id);
    }
    return new Observation(
        projectId,
        id,
        newer.mappingNotes.containsKey(DEFAULTED_TRACE_ID)
                && !mappingNotes.containsKey(DEFAULTED_TRACE_ID)
            ? traceId
            : newer.traceId,
        Trace.pick(newer.parentObservationId, parentObservationId),
        newer.type == ObservationType.SPAN ? type : newer.type,
        Trace.pick(newer.name, name),
        startTime.isBefore(newer.startTime) ? startTime : newer.startTime,
        Trace.pick(newer.endTime, endTime),
        Trace.pick(newer.completionStartTime, completionStartTime),
        newer.level == Level.DEFAULT ? level : newer.level,
        Trace.pick(newer.statusMessage, statusMessage),
        Trace.pick(newer.model, model),
        Json.mergeObjects(modelParameters, newer.modelParameters),
        Trace.pick(newer.input, input),
        Trace.pick(newer.output, output),
        Json.mergeObjects(metadata, newer.metadata),
        merge(usageDetails, newer.usageDetails),
        newer.costSource == CostSource.NONE ? costDetails : newer.costDetails,
        newer.costSource == CostSource.NONE ? costSource : newer.costSource,
        newer.costSource == CostSource.NONE ? pricedModelId : newer.pricedModelId,
        Trace.DEFAULT_ENVIRONMENT.equals(newer.environment) ? environment : newer.environment,
        Trace.pick(newer.version, version),
        Trace.pick(newer.release, release),
        Trace.pick(newer.promptName, promptName),
        Trace.pick(newer.promptVersion, promptVersion),
        merge(mappingNotes, newer.mappingNotes),
        newer.usageScope == UsageScope.OWN ? usageScope : newer.usageScope);
  }

  private static <V> Map<String, V> merge(Map<String, V> older, Map<String, V> newer) {
    if (newer.isEmpty()) return older;
    if (older.isEmpty()) return newer;
    Map<String, V> m = new LinkedHashMap<>(older);
    m.putAll(newer);
    return m;
  }

  /** Builder named after the fields. */
  public static final class Builder {
    private final String projectId;
    private final String id;
    private String traceId;
    private Instant startTime;
    private @Nullable
    String parentObservationId,
        name,
        statusMessage,
        model,
        modelParameters,
        input,
        output,
        metadata,
        pricedModelId,
        version,
        release,
        promptName;
    private ObservationType type = ObservationType.SPAN;
    private @Nullable Instant endTime, completionStartTime;
    private Level level = Level.DEFAULT;
    private Map<String, Long> usageDetails = Map.of();
    private Map<String, BigDecimal> costDetails = Map.of();
    private CostSource costSource = CostSource.NONE;
    private String environment = Trace.DEFAULT_ENVIRONMENT;
    private @Nullable Integer promptVersion;
    private Map<String, String> mappingNotes = Map.of();
    private UsageScope usageScope = UsageScope.OWN;

    Builder(String projectId, String id, String traceId, Instant startTime) {
      this.projectId = projectId;
      this.id = id;
      this.traceId = traceId;
      this.startTime = startTime;
    }

    Builder(Observation o) {
      this(o.projectId, o.id, o.traceId, o.startTime);
      parentObservationId = o.parentObservationId;
      type = o.type;
      name = o.name;
      endTime = o.endTime;
      completionStartTime = o.completionStartTime;
      level = o.level;
      statusMessage = o.statusMessage;
      model = o.model;
      modelParameters = o.modelParameters;
      input = o.input;
      output = o.output;
      metadata = o.metadata;
      usageDetails = o.usageDetails;
      costDetails = o.costDetails;
      costSource = o.costSource;
      pricedModelId = o.pricedModelId;
      environment = o.environment;
      version = o.version;
      release = o.release;
      promptName = o.promptName;
      promptVersion = o.promptVersion;
      mappingNotes = o.mappingNotes;
      usageScope = o.usageScope;
    }

    public Builder traceId(String v) {
      traceId = v;
      return this;
    }

    public Builder startTime(Instant v) {
      startTime = v;
      return this;
    }

    public Builder parentObservationId(@Nullable String v) {
      parentObservationId = v;
      return this;
    }

    public Builder type(ObservationType v) {
      type = v;
      return this;
    }

    public Builder name(@Nullable String v) {
      name = v;
      return this;
    }

    public Builder endTime(@Nullable Instant v) {
      endTime = v;
      return this;
    }

    public Builder completionStartTime(@Nullable Instant v) {
      completionStartTime = v;
      return this;
    }

    public Builder level(Level v) {
      level = v;
      return this;
    }

    public Builder statusMessage(@Nullable String v) {
      statusMessage = v;
      return this;
    }

    public Builder model(@Nullable String v) {
      model = v;
      return this;
    }

    public Builder modelParameters(@Nullable String jsonObject) {
      modelParameters = jsonObject;
      return this;
    }

    public Builder input(@Nullable String json) {
      input = json;
      return this;
    }

    public Builder output(@Nullable String json) {
      output = json;
      return this;
    }

    public Builder metadata(@Nullable String jsonObject) {
      metadata = jsonObject;
      return this;
    }

    public Builder usageDetails(Map<String, Long> v) {
      usageDetails = v;
      return this;
    }

    public Builder costDetails(Map<String, BigDecimal> v) {
      costDetails = v;
      return this;
    }

    public Builder costSource(CostSource v) {
      costSource = v;
      return this;
    }

    public Builder pricedModelId(@Nullable String v) {
      pricedModelId = v;
      return this;
    }

    public Builder environment(@Nullable String v) {
      environment = v;
      return this;
    }

    public Builder version(@Nullable String v) {
      version = v;
      return this;
    }

    public Builder release(@Nullable String v) {
      release = v;
      return this;
    }

    public Builder promptName(@Nullable String v) {
      promptName = v;
      return this;
    }

    public Builder promptVersion(@Nullable Integer v) {
      promptVersion = v;
      return this;
    }

    public Builder mappingNotes(Map<String, String> v) {
      mappingNotes = v;
      return this;
    }

    public Builder usageScope(UsageScope v) {
      usageScope = v;
      return this;
    }

    public Observation build() {
      return new Observation(
          projectId,
          id,
          traceId,
          parentObservationId,
          type,
          name,
          startTime,
          endTime,
          completionStartTime,
          level,
          statusMessage,
          model,
          modelParameters,
          input,
          output,
          metadata,
          usageDetails,
          costDetails,
          costSource,
          pricedModelId,
          environment,
          version,
          release,
          promptName,
          promptVersion,
          mappingNotes,
          usageScope);
    }
  }
}
