package dev.loupe.evaluation;

/** The target lacks what the evaluator reads: the job is skipped ({@link Reasons#NO_MATCH}). */
final class NoMatch extends Exception {
  NoMatch(String message) {
    super(message, null, false, false);
  }
}
