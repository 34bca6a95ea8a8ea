package dev.loupe.integrations.langchain4j;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.loupe.semconv.GenAiAttributes;
import dev.loupe.semconv.LangfuseAttributes;
import dev.loupe.semconv.ObservationTypeValues;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import java.util.List;
import java.util.Locale;

/**
 * A chat call as Langfuse generation attributes, with the cheap {@code gen_ai.*} equivalents
 * (messages are sent once, as {@code langfuse.observation.input/output}).
 */
final class GenerationAttributes {
  static final String FINISH_REASON_KEY =
      LangfuseAttributes.OBSERVATION_METADATA_PREFIX + "finish_reason";
  static final String TOOLS_KEY = LangfuseAttributes.OBSERVATION_METADATA_PREFIX + "tools";
  static final String RESPONSE_ID_KEY =
      LangfuseAttributes.OBSERVATION_METADATA_PREFIX + "response_id";

  static String spanName(ChatRequest request) {
    String model = request.parameters() == null ? null : request.parameters().modelName();
    return model == null
        ? GenAiAttributes.OPERATION_CHAT
        : GenAiAttributes.OPERATION_CHAT + " " + model;
  }

  static void request(Span span, ChatRequest request, ModelProvider provider) {
    span.setAttribute(LangfuseAttributes.OBSERVATION_TYPE, ObservationTypeValues.GENERATION);
    span.setAttribute(GenAiAttributes.OPERATION_NAME, GenAiAttributes.OPERATION_CHAT);
    if (provider != null) {
      span.setAttribute(GenAiAttributes.PROVIDER_NAME, providerName(provider));
    }
    span.setAttribute(
        LangfuseAttributes.OBSERVATION_INPUT, Json.write(ChatJson.messages(request.messages())));
    ChatRequestParameters parameters = request.parameters();
    if (parameters == null) {
      return;
    }
    if (parameters.modelName() != null) {
      span.setAttribute(LangfuseAttributes.OBSERVATION_MODEL_NAME, parameters.modelName());
      span.setAttribute(GenAiAttributes.REQUEST_MODEL, parameters.modelName());
    }
    ObjectNode json = modelParameters(parameters);
    if (!json.isEmpty()) {
      span.setAttribute(LangfuseAttributes.OBSERVATION_MODEL_PARAMETERS, Json.write(json));
    }
    setIfPresent(span, GenAiAttributes.REQUEST_TEMPERATURE, parameters.temperature());
    setIfPresent(span, GenAiAttributes.REQUEST_TOP_P, parameters.topP());
    setIfPresent(span, GenAiAttributes.REQUEST_TOP_K, parameters.topK());
    setIfPresent(span, GenAiAttributes.REQUEST_MAX_TOKENS, parameters.maxOutputTokens());
    setIfPresent(span, GenAiAttributes.REQUEST_FREQUENCY_PENALTY, parameters.frequencyPenalty());
    setIfPresent(span, GenAiAttributes.REQUEST_PRESENCE_PENALTY, parameters.presencePenalty());
    if (parameters.stopSequences() != null && !parameters.stopSequences().isEmpty()) {
      span.setAttribute(
          AttributeKey.stringArrayKey(GenAiAttributes.REQUEST_STOP_SEQUENCES),
          parameters.stopSequences());
    }
    List<ToolSpecification> tools = parameters.toolSpecifications();
    if (tools != null && !tools.isEmpty()) {
      ArrayNode names = Json.array();
      tools.forEach(tool -> names.add(tool.name()));
      span.setAttribute(TOOLS_KEY, Json.write(names));
    }
  }

  static ObjectNode modelParameters(ChatRequestParameters parameters) {
    ObjectNode json = Json.object();
    putIfPresent(json, "temperature", parameters.temperature());
    putIfPresent(json, "top_p", parameters.topP());
    putIfPresent(json, "top_k", parameters.topK());
    putIfPresent(json, "max_tokens", parameters.maxOutputTokens());
    putIfPresent(json, "frequency_penalty", parameters.frequencyPenalty());
    putIfPresent(json, "presence_penalty", parameters.presencePenalty());
    if (parameters.stopSequences() != null && !parameters.stopSequences().isEmpty()) {
      json.putPOJO("stop", parameters.stopSequences());
    }
    if (parameters.toolChoice() != null) {
      json.put("tool_choice", parameters.toolChoice().name().toLowerCase(Locale.ROOT));
    }
    if (parameters.responseFormat() != null && parameters.responseFormat().type() != null) {
      json.put(
          "response_format", parameters.responseFormat().type().name().toLowerCase(Locale.ROOT));
    }
    return json;
  }

  static void response(Span span, ChatResponse response) {
    if (response.aiMessage() != null) {
      span.setAttribute(
          LangfuseAttributes.OBSERVATION_OUTPUT,
          Json.write(ChatJson.assistant(response.aiMessage())));
    }
    ChatResponseMetadata metadata = response.metadata();
    if (metadata == null) {
      return;
    }
    if (metadata.modelName() != null) {
      span.setAttribute(LangfuseAttributes.OBSERVATION_MODEL_NAME, metadata.modelName());
      span.setAttribute(GenAiAttributes.RESPONSE_MODEL, metadata.modelName());
    }
    if (metadata.id() != null) {
      span.setAttribute(GenAiAttributes.RESPONSE_ID, metadata.id());
      span.setAttribute(RESPONSE_ID_KEY, metadata.id());
    }
    FinishReason finishReason = metadata.finishReason();
    if (finishReason != null) {
      String reason = finishReason.name().toLowerCase(Locale.ROOT);
      span.setAttribute(FINISH_REASON_KEY, reason);
      span.setAttribute(
          AttributeKey.stringArrayKey(GenAiAttributes.RESPONSE_FINISH_REASONS), List.of(reason));
    }
    usage(span, metadata.tokenUsage());
  }

  private static void usage(Span span, TokenUsage usage) {
    if (usage == null) {
      return;
    }
    ObjectNode json = Json.object();
    putIfPresent(json, "input", usage.inputTokenCount());
    putIfPresent(json, "output", usage.outputTokenCount());
    putIfPresent(json, "total", usage.totalTokenCount());
    if (json.isEmpty()) {
      return;
    }
    span.setAttribute(LangfuseAttributes.OBSERVATION_USAGE_DETAILS, Json.write(json));
    setIfPresent(span, GenAiAttributes.USAGE_INPUT_TOKENS, usage.inputTokenCount());
    setIfPresent(span, GenAiAttributes.USAGE_OUTPUT_TOKENS, usage.outputTokenCount());
  }

  /**
   * {@code gen_ai.provider.name} values of the GenAI conventions, else the enum name lowercased.
   */
  static String providerName(ModelProvider provider) {
    switch (provider.name()) {
      case "OPEN_AI":
        return "openai";
      case "AZURE_OPEN_AI":
        return "azure.ai.openai";
      case "AMAZON_BEDROCK":
        return "aws.bedrock";
      case "GOOGLE_AI_GEMINI":
      case "GOOGLE_GENAI":
        return "gcp.gemini";
      case "GOOGLE_VERTEX_AI_GEMINI":
      case "GOOGLE_VERTEX_AI_ANTHROPIC":
        return "gcp.vertex_ai";
      case "MISTRAL_AI":
        return "mistral_ai";
      case "WATSONX":
        return "ibm.watsonx.ai";
      default:
        return provider.name().toLowerCase(Locale.ROOT);
    }
  }

  private static void putIfPresent(ObjectNode json, String key, Number value) {
    if (value instanceof Integer i) {
      json.put(key, i);
    } else if (value != null) {
      json.put(key, value.doubleValue());
    }
  }

  private static void setIfPresent(Span span, String key, Number value) {
    if (value instanceof Integer i) {
      span.setAttribute(key, (long) i);
    } else if (value != null) {
      span.setAttribute(key, value.doubleValue());
    }
  }

  private GenerationAttributes() {}
}
