package dev.loupe.testing.clickhouse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement the engine refused, with ClickHouse's error code: the engine's message starts "Code:
 * N. DB::Exception: ..." as a server's does, and the endpoint passes both on unchanged.
 */
public final class ChDbException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final Pattern CODE = Pattern.compile("^Code: (\\d+)\\.");

  /** ClickHouse's code for an exception that names no code of its own (UNKNOWN_EXCEPTION). */
  static final int UNKNOWN = 1002;

  private final int code;

  ChDbException(String message) {
    super(message);
    Matcher m = CODE.matcher(message);
    this.code = m.find() ? Integer.parseInt(m.group(1)) : UNKNOWN;
  }

  /**
   * ClickHouse's error code, as in {@code system.errors} (62 = SYNTAX_ERROR, 60 = UNKNOWN_TABLE).
   */
  public int code() {
    return code;
  }
}
