package dev.loupe.model;

/**
 * Whose model calls an observation's usage (and cost) counts. A parent that reports the run's total
 * (Vercel AI SDK {@code ai.generateText}, OTel GenAI {@code invoke_agent}) repeats what its
 * descendant generations already report: it is kept and shown with that usage, but never priced and
 * never added to a total (trace, traces list, session, user, metrics), so each token is counted
 * once, by the generation that did the work.
 */
public enum UsageScope {
  /** The observation's own model call (or none): its usage and cost add to every total. */
  OWN,
  /**
   * The total of its descendants' model calls: shown, not priced, not added to any total. A cost
   * the client provided for it is kept and shown, and not added either.
   */
  DESCENDANTS
}
