package dev.loupe.testing.clickhouse;

import java.util.Locale;
import java.util.Set;

/** What a ClickHouse server puts in Content-Type for a format, and the HTTP status of an error. */
final class ContentTypes {
  /** Codes a server answers with 400: the request itself is wrong (syntax, parsing, types). */
  private static final Set<Integer> BAD_REQUEST =
      Set.of(6, 25, 26, 27, 38, 41, 49, 50, 53, 62, 72, 117, 167, 168, 223);

  /** Codes a server answers with 404: the request names something that is not there. */
  private static final Set<Integer> NOT_FOUND = Set.of(46, 47, 56, 60, 63, 73, 81, 115, 336);

  /** Codes a server answers with 403: access. */
  private static final Set<Integer> FORBIDDEN = Set.of(164, 192, 193, 497, 516);

  private ContentTypes() {}

  static String of(String format) {
    String f = format.toLowerCase(Locale.ROOT);
    if (f.startsWith("tabseparated") || f.startsWith("tsv")) {
      return "text/tab-separated-values; charset=UTF-8";
    } else if (f.startsWith("csv")) {
      return "text/csv; charset=UTF-8; header=absent";
    } else if (f.startsWith("json")) {
      return "application/json; charset=UTF-8";
    } else if (f.startsWith("rowbinary")
        || f.equals("native")
        || f.equals("parquet")
        || f.startsWith("arrow")
        || f.equals("orc")) {
      return "application/octet-stream";
    }
    return "text/plain; charset=UTF-8";
  }

  static int httpStatus(int code) {
    if (BAD_REQUEST.contains(code)) {
      return 400;
    } else if (NOT_FOUND.contains(code)) {
      return 404;
    } else if (FORBIDDEN.contains(code)) {
      return 403;
    } else if (code == 48) {
      return 501;
    }
    return 500;
  }
}
