package dev.loupe.integrations.langchain4j;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.service.tool.AiServiceTool;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;
import dev.langchain4j.service.tool.ToolService;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Records LangChain4j AI Service tool executions as Langfuse TOOL observations: one span per call,
 * child of the current context (the AI Service call), named after the tool, with the arguments as
 * input and the result as output. A tool that throws, or whose result is flagged as an error, is
 * marked level ERROR with the message.
 *
 * <pre>{@code
 * LoupeTools tools = LoupeTools.create();
 * Assistant assistant = AiServices.builder(Assistant.class)
 *     .chatModel(model)
 *     .tools(tools.of(new OrderTools()))   // objects with @Tool methods
 *     .build();
 * }</pre>
 *
 * <p>{@link #wrap(Map)}, {@link #wrap(ToolExecutor)} and {@link #wrap(ToolProvider)} cover tools
 * given as executors or by a provider (MCP, for instance). Tools run with executeToolsConcurrently
 * nest under the AI Service call only if its executor propagates the OpenTelemetry context.
 */
public final class LoupeTools {
  private final Supplier<Tracer> tracer;

  private LoupeTools(Supplier<Tracer> tracer) {
    this.tracer = tracer;
  }

  /** Records through {@code GlobalOpenTelemetry}, looked up at each call. */
  public static LoupeTools create() {
    return new LoupeTools(Observations.globalTracer());
  }

  /** Records through the given OpenTelemetry. */
  public static LoupeTools create(OpenTelemetry openTelemetry) {
    return new LoupeTools(Observations.tracerOf(openTelemetry));
  }

  /** Records through the given tracer. */
  public static LoupeTools create(Tracer tracer) {
    return new LoupeTools(Observations.fixed(tracer));
  }

  /**
   * The {@code @Tool} methods of the given objects, traced; pass the list to {@code
   * AiServices.builder(...).tools(List<AiServiceTool>)}.
   *
   * @throws dev.langchain4j.service.IllegalConfigurationException as {@code AiServices.tools} does,
   *     if an object has no {@code @Tool} method
   */
  public List<AiServiceTool> of(Object... objectsWithTools) {
    List<AiServiceTool> traced = new ArrayList<>();
    for (Object object : objectsWithTools) {
      ToolService.findTools(object).forEach(tool -> traced.add(wrap(tool)));
    }
    return traced;
  }

  /** The tool with its executor traced. */
  public AiServiceTool wrap(AiServiceTool tool) {
    return tool.toBuilder().toolExecutor(wrap(tool.toolExecutor())).build();
  }

  /** The executors of the map traced, in the same order. */
  public Map<ToolSpecification, ToolExecutor> wrap(Map<ToolSpecification, ToolExecutor> tools) {
    Map<ToolSpecification, ToolExecutor> traced = new LinkedHashMap<>();
    tools.forEach((specification, executor) -> traced.put(specification, wrap(executor)));
    return traced;
  }

  /** The executor traced; an executor traced already is returned as is. */
  public ToolExecutor wrap(ToolExecutor executor) {
    return executor instanceof TracedToolExecutor
        ? executor
        : new TracedToolExecutor(executor, tracer);
  }

  /** A provider whose tools are traced; dynamic providers stay dynamic. */
  public ToolProvider wrap(ToolProvider provider) {
    if (provider == null) {
      throw new NullPointerException("toolProvider == null");
    }
    return new ToolProvider() {
      @Override
      public ToolProviderResult provideTools(ToolProviderRequest request) {
        ToolProviderResult result = provider.provideTools(request);
        if (result == null) {
          return null;
        }
        List<AiServiceTool> traced = new ArrayList<>();
        result.aiServiceTools().forEach(tool -> traced.add(wrap(tool)));
        return new ToolProviderResult(traced);
      }

      @Override
      public boolean isDynamic() {
        return provider.isDynamic();
      }
    };
  }
}
