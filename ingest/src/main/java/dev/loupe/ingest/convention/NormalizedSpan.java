package dev.loupe.ingest.convention;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;

/**
 * A span after the conventions: its observation and what it says about its trace (a full trace for
 * a root, an update for a span with trace attributes, else a shallow trace {id, timestamp,
 * environment}).
 */
public record NormalizedSpan(Observation observation, Trace trace) {}
