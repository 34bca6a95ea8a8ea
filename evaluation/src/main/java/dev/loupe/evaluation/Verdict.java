package dev.loupe.evaluation;

import org.jspecify.annotations.Nullable;

/**
 * An evaluator's answer: a number (NUMERIC, BOOLEAN 1/0) or a label (CATEGORICAL), and the
 * reasoning that becomes the score's comment.
 */
record Verdict(@Nullable Double number, @Nullable String label, String reasoning) {}
