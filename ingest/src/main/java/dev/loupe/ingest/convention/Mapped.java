package dev.loupe.ingest.convention;

/** A derived value and the rule that produced it, for {@code Observation.mappingNotes}. */
record Mapped<T>(T value, String source) {}
