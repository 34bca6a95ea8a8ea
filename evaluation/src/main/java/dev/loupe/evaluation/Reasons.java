package dev.loupe.evaluation;

/**
 * Why a job was skipped or failed (the {@code reason} of its row; a queued job keeps the reason of
 * its last failed attempt while it waits to be tried again).
 */
public final class Reasons {
  /** Skipped: outside the rule's sampling share. */
  public static final String SAMPLING = "SAMPLING";

  /** Skipped: the rule's calls per hour or per day were used up when its turn came. */
  public static final String BUDGET = "BUDGET";

  /**
   * Skipped: the target has nothing the evaluator reads (a mapped variable or checked field is
   * empty), or it is gone.
   */
  public static final String NO_MATCH = "NO_MATCH";

  /** Failed: the judge did not answer within the connection's timeout. */
  public static final String TIMEOUT = "TIMEOUT";

  /** Failed: the judge answered 429 Too Many Requests. */
  public static final String HTTP_429 = "HTTP_429";

  /** Failed: the judge answered 5xx. */
  public static final String HTTP_5XX = "HTTP_5XX";

  /** Failed, not retried: the judge refused the request (4xx other than 429: key, model...). */
  public static final String HTTP_4XX = "HTTP_4XX";

  /** Failed: the judge could not be reached (refused, reset, DNS). */
  public static final String CONNECTION = "CONNECTION";

  /** Failed: the judge's answer held no usable score (not JSON, no score, a wrong category). */
  public static final String UNPARSABLE = "UNPARSABLE";

  /** Failed, not retried: the evaluator or its judge connection is gone, or its key won't open. */
  public static final String CONFIG = "CONFIG";

  /** Failed: Loupe itself failed (e.g. storage); retried like a judge error. */
  public static final String INTERNAL = "INTERNAL";

  private Reasons() {}
}
