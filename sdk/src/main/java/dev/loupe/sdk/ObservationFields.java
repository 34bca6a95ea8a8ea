package dev.loupe.sdk;

import dev.loupe.semconv.LangfuseAttributes;
import io.opentelemetry.api.trace.Span;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fluent updates every observation accepts, written as the Langfuse SDK's {@code
 * langfuse.observation.*} attributes. Each setter returns this object; a later value replaces an
 * earlier one. Nothing here throws: a value that cannot be encoded is logged and sent as text.
 *
 * @param <S> the concrete observation type returned by the setters
 */
public abstract sealed class ObservationFields<S extends ObservationFields<S>>
    permits ObservationHandle, Observation, ActiveObservation {
  final ObservationCore core;

  ObservationFields(ObservationCore core) {
    this.core = core;
  }

  abstract S self();

  /** Input: a string as is, any other object as JSON (Jackson). */
  public S input(Object input) {
    if (input == null || !recording()) return self();
    return text(LangfuseAttributes.OBSERVATION_INPUT, JsonText.of(input));
  }

  /** Output: a string as is, any other object as JSON (Jackson). */
  public S output(Object output) {
    if (output == null || !recording()) return self();
    return text(LangfuseAttributes.OBSERVATION_OUTPUT, JsonText.of(output));
  }

  /** Model name, e.g. {@code gpt-4o}; the server prices usage with it. */
  public S model(String model) {
    return text(LangfuseAttributes.OBSERVATION_MODEL_NAME, model);
  }

  /** Model parameters such as {@code temperature} or {@code max_tokens}. */
  public S modelParameters(Map<String, ?> parameters) {
    return json(LangfuseAttributes.OBSERVATION_MODEL_PARAMETERS, parameters);
  }

  /** Token counts by kind, e.g. {@code {"input": 42, "output": 17}}. */
  public S usageDetails(Map<String, ? extends Number> usage) {
    return json(LangfuseAttributes.OBSERVATION_USAGE_DETAILS, usage);
  }

  /** Cost in USD by kind, e.g. {@code {"total": 0.0012}}; overrides the server's pricing. */
  public S costDetails(Map<String, ? extends Number> cost) {
    if (cost == null || !recording()) return self();
    Map<String, BigDecimal> exact = new LinkedHashMap<>();
    cost.forEach(
        (k, v) -> {
          if (k != null && v != null) exact.put(k, new BigDecimal(v.toString()));
        });
    return json(LangfuseAttributes.OBSERVATION_COST_DETAILS, exact);
  }

  /** When the first token of a streamed answer arrived. */
  public S completionStartTime(Instant firstToken) {
    return text(
        LangfuseAttributes.OBSERVATION_COMPLETION_START_TIME,
        firstToken == null ? null : firstToken.toString());
  }

  /** Adds metadata entries ({@code langfuse.observation.metadata.<key>}; non-strings as JSON). */
  public S metadata(Map<String, ?> metadata) {
    if (metadata == null || !recording()) return self();
    Safely.run(
        "setting metadata",
        () ->
            metadata.forEach(
                (k, v) -> {
                  if (k != null && v != null) {
                    core.span.setAttribute(
                        LangfuseAttributes.OBSERVATION_METADATA_PREFIX + k, JsonText.of(v));
                  }
                }));
    return self();
  }

  /** Level: DEBUG, DEFAULT, WARNING or ERROR. */
  public S level(ObservationLevel level) {
    return text(LangfuseAttributes.OBSERVATION_LEVEL, level == null ? null : level.name());
  }

  /** Human-readable status, typically an error message. */
  public S statusMessage(String statusMessage) {
    return text(LangfuseAttributes.OBSERVATION_STATUS_MESSAGE, statusMessage);
  }

  /** Level and status message together, e.g. {@code update(ERROR, e.getMessage())}. */
  public S update(ObservationLevel level, String statusMessage) {
    level(level);
    return statusMessage(statusMessage);
  }

  /** Version of the code or prompt that produced this observation. */
  public S version(String version) {
    return text(LangfuseAttributes.VERSION, version);
  }

  /** Links a generation to a managed prompt by name and version. */
  public S prompt(String name, int version) {
    text(LangfuseAttributes.OBSERVATION_PROMPT_NAME, name);
    Safely.run(
        "setting prompt version",
        () -> core.span.setAttribute(LangfuseAttributes.OBSERVATION_PROMPT_VERSION, version));
    return self();
  }

  /**
   * Marks this observation failed: level ERROR, the exception's message as status, OTel status
   * ERROR and an exception event.
   */
  public S recordException(Throwable error) {
    if (error != null) core.fail(error);
    return self();
  }

  /**
   * Sets trace attributes on this observation ({@code langfuse.trace.*}, {@code user.id}, {@code
   * session.id}, ...) and hands name, user, session, tags, metadata, version, release and
   * environment to every observation started later inside this one.
   */
  public S updateTrace(TraceAttributes attributes) {
    if (attributes != null) core.updateTrace(attributes);
    return self();
  }

  /** The observation id: the span id in lowercase hex (all zeros when Loupe is a no-op). */
  public String id() {
    return core.span.getSpanContext().getSpanId();
  }

  /** The trace id in lowercase hex (all zeros when Loupe is a no-op). */
  public String traceId() {
    return core.span.getSpanContext().getTraceId();
  }

  /** The observation's type. */
  public ObservationType type() {
    return core.type;
  }

  /** The underlying OpenTelemetry span, for attributes Loupe has no setter for. */
  public Span span() {
    return core.span;
  }

  /** Whether the span records: a no-op or sampled-out span skips all encoding. */
  private boolean recording() {
    return core.span.isRecording();
  }

  private S text(String key, String value) {
    if (value != null && recording()) {
      Safely.run("setting ", key, () -> core.span.setAttribute(key, value));
    }
    return self();
  }

  private S json(String key, Object value) {
    if (value != null && recording()) {
      Safely.run("setting ", key, () -> core.span.setAttribute(key, JsonText.json(value)));
    }
    return self();
  }
}
