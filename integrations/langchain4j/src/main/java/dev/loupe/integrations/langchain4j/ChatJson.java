package dev.loupe.integrations.langchain4j;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.CustomMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.List;
import java.util.Locale;

/**
 * LangChain4j messages as chat JSON in the OpenAI shape the Langfuse and Loupe UIs render: {@code
 * {role, content}}, assistant {@code tool_calls}, and tool results with {@code tool_call_id}.
 */
final class ChatJson {

  static ArrayNode messages(List<ChatMessage> messages) {
    ArrayNode array = Json.array();
    if (messages != null) {
      for (ChatMessage message : messages) {
        array.add(message(message));
      }
    }
    return array;
  }

  static ObjectNode message(ChatMessage message) {
    if (message instanceof SystemMessage system) {
      return withRole("system").put("content", system.text());
    }
    if (message instanceof UserMessage userMessage) {
      return user(userMessage);
    }
    if (message instanceof AiMessage ai) {
      return assistant(ai);
    }
    if (message instanceof ToolExecutionResultMessage result) {
      ObjectNode node = withRole("tool").put("tool_call_id", result.id());
      return node.put("name", result.toolName()).put("content", result.text());
    }
    if (message instanceof CustomMessage custom) {
      return withRole("custom").putPOJO("content", custom.attributes());
    }
    return withRole(message.type().name().toLowerCase(Locale.ROOT))
        .put("content", message.toString());
  }

  static ObjectNode assistant(AiMessage message) {
    ObjectNode node = withRole("assistant").put("content", message.text());
    if (message.hasToolExecutionRequests()) {
      ArrayNode calls = node.putArray("tool_calls");
      for (ToolExecutionRequest request : message.toolExecutionRequests()) {
        ObjectNode call = calls.addObject().put("id", request.id()).put("type", "function");
        call.putObject("function")
            .put("name", request.name())
            .put("arguments", request.arguments());
      }
    }
    return node;
  }

  private static ObjectNode user(UserMessage message) {
    ObjectNode node = withRole("user");
    if (message.name() != null) {
      node.put("name", message.name());
    }
    if (message.hasSingleText()) {
      return node.put("content", message.singleText());
    }
    ArrayNode parts = node.putArray("content");
    for (Content content : message.contents()) {
      if (content instanceof TextContent text) {
        parts.addObject().put("type", "text").put("text", text.text());
      } else if (content instanceof ImageContent image && image.image().url() != null) {
        ObjectNode part = parts.addObject().put("type", "image_url");
        part.putObject("image_url").put("url", image.image().url().toString());
      } else {
        parts.addObject().put("type", content.type().name().toLowerCase(Locale.ROOT));
      }
    }
    return node;
  }

  private static ObjectNode withRole(String role) {
    return Json.object().put("role", role);
  }

  private ChatJson() {}
}
