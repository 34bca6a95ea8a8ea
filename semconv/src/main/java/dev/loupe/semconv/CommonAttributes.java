package dev.loupe.semconv;

/** General OpenTelemetry keys (span and resource) that LLM tracing relies on. */
public final class CommonAttributes {
  /** End user id; {@code propagateAttributes({userId})} sends it on every span. */
  public static final String USER_ID = "user.id";

  /** Session (thread) id; {@code propagateAttributes({sessionId})} sends it on every span. */
  public static final String SESSION_ID = "session.id";

  /** Deployment environment (current name), span or resource. */
  public static final String DEPLOYMENT_ENVIRONMENT_NAME = "deployment.environment.name";

  /** Deployment environment (deprecated name), span or resource. */
  public static final String DEPLOYMENT_ENVIRONMENT = "deployment.environment";

  /** Resource: logical service name. */
  public static final String SERVICE_NAME = "service.name";

  /** Resource: service version, used as the observation and trace version when no other is sent. */
  public static final String SERVICE_VERSION = "service.version";

  /** Resource: SDK language, e.g. {@code python}, {@code nodejs}, {@code java}. */
  public static final String TELEMETRY_SDK_LANGUAGE = "telemetry.sdk.language";

  /** Resource: SDK name, e.g. {@code opentelemetry}. */
  public static final String TELEMETRY_SDK_NAME = "telemetry.sdk.name";

  /** Resource: SDK version. */
  public static final String TELEMETRY_SDK_VERSION = "telemetry.sdk.version";

  /** Bare model key some frameworks set. */
  public static final String MODEL = "model";

  /** Bare input key (Pydantic, Pipecat). */
  public static final String INPUT = "input";

  /** Bare output key (Pydantic, Pipecat). */
  public static final String OUTPUT = "output";

  /** Span event recording an exception. */
  public static final String EXCEPTION_EVENT = "exception";

  /** Exception type on an {@link #EXCEPTION_EVENT}. */
  public static final String EXCEPTION_TYPE = "exception.type";

  /** Exception message on an {@link #EXCEPTION_EVENT}. */
  public static final String EXCEPTION_MESSAGE = "exception.message";

  private CommonAttributes() {}
}
