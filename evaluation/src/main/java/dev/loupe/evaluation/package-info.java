/**
 * Evaluation: scores and score configs (and, next, evaluators that run on the server, their rules
 * with visible execution status, and alerts). Scores are stored only through {@link
 * dev.loupe.evaluation.Scores}, which applies the data type and config rules; the store itself is
 * the SPI's {@code ScoreStore}.
 */
@NullMarked
package dev.loupe.evaluation;

import org.jspecify.annotations.NullMarked;
