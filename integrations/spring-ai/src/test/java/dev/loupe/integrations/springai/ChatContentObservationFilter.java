package dev.loupe.integrations.springai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;

/**
 * The guide's recipe: Spring AI 1.1 only logs prompt and completion, so this filter puts them on
 * the chat span as {@code gen_ai.prompt} (the messages, {@code [{role, content}]}) and {@code
 * gen_ai.completion} (the answer), which Loupe reads as the generation's input and output.
 */
final class ChatContentObservationFilter implements ObservationFilter {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Observation.Context map(Observation.Context context) {
    if (!(context instanceof ChatModelObservationContext chat)) {
      return context;
    }
    List<Map<String, Object>> prompt = new ArrayList<>();
    for (Message m : chat.getRequest().getInstructions()) {
      prompt.add(message(m));
    }
    chat.addHighCardinalityKeyValue(KeyValue.of("gen_ai.prompt", json(prompt)));
    ChatResponse response = chat.getResponse();
    if (response != null && response.getResult() != null) {
      chat.addHighCardinalityKeyValue(
          KeyValue.of("gen_ai.completion", json(message(response.getResult().getOutput()))));
    }
    return chat;
  }

  private static Map<String, Object> message(Message m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("role", m.getMessageType().getValue());
    if (m.getText() != null) {
      out.put("content", m.getText());
    }
    if (m instanceof AssistantMessage a && a.hasToolCalls()) {
      out.put("tool_calls", a.getToolCalls());
    }
    if (m instanceof ToolResponseMessage t) {
      out.put("tool_responses", t.getResponses());
    }
    return out;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("chat content is not serializable as JSON", e);
    }
  }
}
