/**
 * Evaluation: scores and score configs, and the evaluators that run on the server (code checks and
 * LLM judges) with their rules and visible execution status. Scores are stored only through {@link
 * dev.loupe.evaluation.Scores}, which applies the data type and config rules; the store itself is
 * the SPI's {@code ScoreStore}. The evaluation setup changes only through {@link
 * dev.loupe.evaluation.Evaluations}; {@link dev.loupe.evaluation.EvaluationRunner} runs the rules.
 */
@NullMarked
package dev.loupe.evaluation;

import org.jspecify.annotations.NullMarked;
