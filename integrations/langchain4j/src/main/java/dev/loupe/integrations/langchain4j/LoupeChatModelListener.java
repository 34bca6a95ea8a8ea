package dev.loupe.integrations.langchain4j;

import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Records every chat call of a LangChain4j {@code ChatModel} or {@code StreamingChatModel} as a
 * Langfuse GENERATION observation: an OpenTelemetry span, child of the context current when the
 * call starts, carrying the model, its parameters, the messages sent (chat JSON, tool calls
 * included), the assistant's answer, token usage, finish reason and response model. A failed call
 * ends the span with level ERROR, the error's message as status message and OTel status ERROR.
 *
 * <p>Register it on the model builder: {@code OpenAiChatModel.builder()...listeners(List.of(new
 * LoupeChatModelListener()))}. The no-argument form uses {@code GlobalOpenTelemetry}; pass an
 * {@link OpenTelemetry} or a {@link Tracer} to use another. The listener never throws into the
 * model call.
 */
public final class LoupeChatModelListener implements ChatModelListener {
  /** Key of the open span in the listener context's attributes, shared by the three callbacks. */
  private static final Object SPAN_KEY = new Object();

  private final Supplier<Tracer> tracer;

  /** Records through {@code GlobalOpenTelemetry}, looked up at each call. */
  public LoupeChatModelListener() {
    this.tracer = Observations.globalTracer();
  }

  /**
   * Records through the given OpenTelemetry (its tracer for scope {@code dev.loupe.langchain4j}).
   */
  public LoupeChatModelListener(OpenTelemetry openTelemetry) {
    this.tracer = Observations.tracerOf(openTelemetry);
  }

  /** Records through the given tracer. */
  public LoupeChatModelListener(Tracer tracer) {
    this.tracer = Observations.fixed(tracer);
  }

  @Override
  public void onRequest(ChatModelRequestContext context) {
    try {
      Span span =
          tracer
              .get()
              .spanBuilder(GenerationAttributes.spanName(context.chatRequest()))
              .setParent(Context.current())
              .setSpanKind(SpanKind.CLIENT)
              .startSpan();
      context.attributes().put(SPAN_KEY, span);
      GenerationAttributes.request(span, context.chatRequest(), context.modelProvider());
    } catch (RuntimeException e) {
      // tracing must never break the model call
    }
  }

  @Override
  public void onResponse(ChatModelResponseContext context) {
    Span span = take(context.attributes());
    if (span == null) {
      return;
    }
    try {
      GenerationAttributes.response(span, context.chatResponse());
    } catch (RuntimeException e) {
      // keep the span, even with fewer attributes
    } finally {
      span.end();
    }
  }

  @Override
  public void onError(ChatModelErrorContext context) {
    Span span = take(context.attributes());
    if (span == null) {
      return;
    }
    try {
      Throwable error = context.error();
      Observations.markError(span, error == null ? null : Observations.messageOf(error), error);
    } catch (RuntimeException e) {
      // keep the span
    } finally {
      span.end();
    }
  }

  private static Span take(Map<Object, Object> attributes) {
    Object span = attributes == null ? null : attributes.remove(SPAN_KEY);
    return span instanceof Span s ? s : null;
  }
}
