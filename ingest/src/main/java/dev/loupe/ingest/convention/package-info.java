/**
 * Attribute conventions: one OTLP span ({@link dev.loupe.ingest.otlp.SpanRecord}) to Loupe's model
 * ({@link dev.loupe.model.Observation} plus what the span says about its {@link
 * dev.loupe.model.Trace}).
 *
 * <p>{@link dev.loupe.ingest.convention.SpanNormalizer} is the entry point. Each field has one rule
 * class ({@code ObservationTypeRule}, {@code NameRule}, {@code LevelRule}, {@code ModelRule},
 * {@code UsageRule}, {@code InputOutputRule}, {@code TraceRule}, ...) that tries its sources in
 * priority order, first match wins, and reports which source it used; the normalizer records that
 * in {@code Observation.mappingNotes}. Rules read a {@code SpanView}, which sorts a span's
 * flattened keys ({@code gen_ai.usage.*}, {@code llm.input_messages.*}, {@code
 * langfuse.trace.metadata.*}, ...) into groups in one pass, so no rule rescans the attributes.
 */
package dev.loupe.ingest.convention;
