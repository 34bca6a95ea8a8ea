/**
 * The attribute keys and values that LLM tracing SDKs put on OpenTelemetry spans, one class per
 * namespace: the wire contract shared by Loupe's server (which reads them) and its Java SDK (which
 * writes them).
 *
 * <p>Each constant is the exact key as it appears on the wire. Keys ending in a dot ({@code
 * ..._PREFIX}) start a family of flattened keys, e.g. {@code langfuse.observation.metadata.<key>}.
 */
package dev.loupe.semconv;
