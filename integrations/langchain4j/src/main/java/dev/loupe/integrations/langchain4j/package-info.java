/**
 * LangChain4j on OpenTelemetry with the Langfuse wire attributes: {@link
 * dev.loupe.integrations.langchain4j.LoupeChatModelListener} records each chat call as a
 * generation, {@link dev.loupe.integrations.langchain4j.LoupeTools} records each AI Service tool
 * execution as a tool observation. Spans nest under the current OpenTelemetry context and export
 * through whatever OpenTelemetry the application runs (the Loupe SDK, a plain OTLP exporter to
 * Loupe, Langfuse or Lemma).
 */
package dev.loupe.integrations.langchain4j;
