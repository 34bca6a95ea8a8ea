package dev.loupe.examples.langchain4j;

import dev.langchain4j.service.SystemMessage;

/** The AI Service: LangChain4j implements it over the chat model and the order tool. */
public interface SupportAssistant {
  @SystemMessage("You are a concise, friendly support agent. Use the tools to look orders up.")
  String answer(String question);
}
