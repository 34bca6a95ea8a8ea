package dev.loupe.server.metrics;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Why a span or event was rejected, as a small closed set for a metric label: derived from the
 * rejection's message (which names the field and the problem), never the message itself, so no id,
 * name or value reaches a label. A message that fits none is {@link #OTHER}; one whose span name
 * happens to contain another category's wording may land there, never outside the set.
 */
enum RejectReason {
  /** An id is missing, malformed (length, hex, all zeros, blank) or too long. */
  IDS,
  /** A value is out of bounds: a time before 1970 or after 2200, a cost or count too large. */
  BOUNDS,
  /** A value is nested deeper than the bound (attributes, JSON bodies, dotted keys). */
  TOO_DEEP,
  /** A field has the wrong JSON type or form ("must be a string, got a number"). */
  TYPE,
  /** A required field is absent. */
  MISSING,
  /** An event or observation type this server does not take (e.g. an unknown type). */
  UNSUPPORTED,
  /** Our own failure while reading the item (answered 500, logged). */
  INTERNAL,
  /** None of the above. */
  OTHER;

  private static final Pattern ID_FIELD =
      Pattern.compile("(?:^|[\\s.\"])(?:id|traceId|spanId|parentSpanId|parentObservationId):? ");
  private static final Pattern WRONG_FORM = Pattern.compile("must be [^;]*, got ");

  /** The label value: {@code ids}, {@code too_deep}, ... */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The category of a rejection's message (see {@code IngestResult.Rejection#reason}). */
  static RejectReason of(String message) {
    if (message.contains("internal error while reading")) return INTERNAL;
    if (message.contains("nested deeper than") || message.contains("dotted levels, more than"))
      return TOO_DEEP;
    if (message.contains("not supported")
        || message.contains("unknown event type")
        || message.contains("unknown observation type")) return UNSUPPORTED;
    if (ID_FIELD.matcher(message).find()) return IDS;
    if (message.contains(" is before ")
        || message.contains(" is at or after ")
        || message.contains(" is above ")
        || message.contains(" is negative")
        || message.contains(" characters long, more than ")
        || message.contains(" decimal places")
        || message.contains("must be at most ")
        || message.contains(" is longer than any trace")) return BOUNDS;
    if (WRONG_FORM.matcher(message).find()) return TYPE;
    if (message.contains("is required") || message.contains("is missing")) return MISSING;
    return OTHER;
  }
}
