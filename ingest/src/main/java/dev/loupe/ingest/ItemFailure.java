package dev.loupe.ingest;

import java.time.DateTimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why one event or span could not be taken, from the exception its mapping raised: a value the
 * model, a number conversion or a time computation refuses ({@link IllegalArgumentException},
 * {@link ArithmeticException}, {@link DateTimeException}) is bad input, status 400, and its message
 * says why; anything else is a defect of ours, status 500, logged. Either way it is that item's
 * error alone, never the whole request's.
 *
 * @param status 400 for bad input, 500 for an internal error
 */
public record ItemFailure(int status, String message) {
  private static final Logger LOG = LoggerFactory.getLogger(ItemFailure.class);

  public static ItemFailure of(RuntimeException e) {
    if (e instanceof IllegalArgumentException
        || e instanceof ArithmeticException
        || e instanceof DateTimeException) {
      String message = e.getMessage();
      return new ItemFailure(400, message == null ? e.getClass().getSimpleName() : message);
    }
    LOG.warn("an item could not be mapped", e);
    return new ItemFailure(500, "internal error while reading this item; see the server log");
  }
}
