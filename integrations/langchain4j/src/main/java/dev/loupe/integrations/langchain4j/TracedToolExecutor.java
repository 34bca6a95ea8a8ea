package dev.loupe.integrations.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.exception.ToolArgumentsException;
import dev.langchain4j.exception.ToolExecutionException;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.loupe.semconv.GenAiAttributes;
import dev.loupe.semconv.LangfuseAttributes;
import dev.loupe.semconv.ObservationTypeValues;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.function.Supplier;

/**
 * Runs a tool inside a TOOL span: name, arguments as input, result text as output. The span is
 * current while the tool runs, so what the tool records nests under it. A thrown exception, or a
 * result flagged as an error, marks the span ERROR; exceptions are rethrown unchanged.
 */
final class TracedToolExecutor implements ToolExecutor {
  private final ToolExecutor delegate;
  private final Supplier<Tracer> tracer;

  TracedToolExecutor(ToolExecutor delegate, Supplier<Tracer> tracer) {
    if (delegate == null) {
      throw new NullPointerException("toolExecutor == null");
    }
    this.delegate = delegate;
    this.tracer = tracer;
  }

  @Override
  @SuppressWarnings("try") // the scope is held for its side effect: the span is current
  public String execute(ToolExecutionRequest request, Object memoryId) {
    Span span = start(request);
    try (Scope ignored = span.makeCurrent()) {
      String result = delegate.execute(request, memoryId);
      setOutput(span, result);
      return result;
    } catch (RuntimeException | Error e) {
      Observations.markError(span, Observations.messageOf(toolError(e)), e);
      throw e;
    } finally {
      span.end();
    }
  }

  @Override
  @SuppressWarnings("try")
  public ToolExecutionResult executeWithContext(
      ToolExecutionRequest request, InvocationContext context) {
    Span span = start(request);
    try (Scope ignored = span.makeCurrent()) {
      ToolExecutionResult result = delegate.executeWithContext(request, context);
      String text = result == null ? null : result.resultText();
      setOutput(span, text);
      if (result != null && result.isError()) {
        Observations.markError(span, text, null);
      }
      return result;
    } catch (RuntimeException | Error e) {
      Observations.markError(span, Observations.messageOf(toolError(e)), e);
      throw e;
    } finally {
      span.end();
    }
  }

  /** The tool's own exception when LangChain4j wrapped it only to propagate it. */
  private static Throwable toolError(Throwable e) {
    boolean wrapper = e instanceof ToolExecutionException || e instanceof ToolArgumentsException;
    return wrapper && e.getCause() != null ? e.getCause() : e;
  }

  private Span start(ToolExecutionRequest request) {
    String name = request.name() == null ? "tool" : request.name();
    Span span = tracer.get().spanBuilder(name).setParent(Context.current()).startSpan();
    span.setAttribute(LangfuseAttributes.OBSERVATION_TYPE, ObservationTypeValues.TOOL);
    span.setAttribute(GenAiAttributes.OPERATION_NAME, GenAiAttributes.OPERATION_EXECUTE_TOOL);
    span.setAttribute(GenAiAttributes.TOOL_NAME, name);
    span.setAttribute(GenAiAttributes.TOOL_TYPE, "function");
    if (request.id() != null) {
      span.setAttribute(GenAiAttributes.TOOL_CALL_ID, request.id());
    }
    if (request.arguments() != null) {
      span.setAttribute(LangfuseAttributes.OBSERVATION_INPUT, request.arguments());
      span.setAttribute(GenAiAttributes.TOOL_CALL_ARGUMENTS, request.arguments());
    }
    return span;
  }

  private static void setOutput(Span span, String result) {
    if (result != null) {
      span.setAttribute(LangfuseAttributes.OBSERVATION_OUTPUT, result);
      span.setAttribute(GenAiAttributes.TOOL_CALL_RESULT, result);
    }
  }
}
