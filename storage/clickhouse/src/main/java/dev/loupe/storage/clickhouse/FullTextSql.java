package dev.loupe.storage.clickhouse;

import dev.loupe.storage.FullText;
import org.jspecify.annotations.Nullable;

/**
 * The full-text filter in two steps: ClickHouse narrows the rows with a pre-filter that can only
 * leave out rows the term cannot match, then {@link FullText#matches} (the SPI's one definition:
 * case folded, JSON escapes decoded) decides on each remaining row's name, input and output.
 *
 * <p>The pre-filter is the term's longest run of ASCII letters, digits, spaces and punctuation
 * other than {@code "}, {@code \} and {@code /} (the characters a JSON encoder writes as they are),
 * searched case-insensitively in the name, input and output. Such a run occurs literally in any
 * text the whole term matches, escapes decoded or not. A term without such a run (only quotes,
 * emoji, ...) has no pre-filter: every row the other filters leave is checked in Java.
 */
final class FullTextSql {
  private FullTextSql() {}

  /** The pre-filter's needle; null when the term has no safe run. */
  static @Nullable String needle(FullText ft) {
    String term = ft.term();
    int bestStart = 0, bestLength = 0, start = 0;
    for (int i = 0; i <= term.length(); i++) {
      if (i < term.length() && safe(term.charAt(i))) continue;
      if (i - start > bestLength) {
        bestStart = start;
        bestLength = i - start;
      }
      start = i + 1;
    }
    return bestLength == 0 ? null : term.substring(bestStart, bestStart + bestLength);
  }

  /** Adds the pre-filter on {@code alias}'s name, input and output to {@code where}. */
  static void prefilter(Where where, FullText ft, String alias) {
    String needle = needle(ft);
    if (needle == null) return;
    String p = alias + ".";
    where.and(
        "(positionCaseInsensitive(ifNull("
            + p
            + "name, ''), {ft:String}) > 0 OR positionCaseInsensitive(ifNull("
            + p
            + "input, ''), {ft:String}) > 0 OR positionCaseInsensitive(ifNull("
            + p
            + "output, ''), {ft:String}) > 0)",
        "ft",
        needle);
  }

  private static boolean safe(char c) {
    return c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '/';
  }
}
