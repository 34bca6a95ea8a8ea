package dev.loupe.testing.clickhouse;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The little SQL the endpoint reads or writes itself: quoting, the split of "INSERT ... FORMAT X"
 * into the statement and the format of the body, the output format a statement names, and whether a
 * statement changes its session. Comments before a statement are not looked through.
 */
final class Sql {
  private static final Pattern INSERT_FORMAT =
      Pattern.compile("(?is)^\\s*(INSERT\\s+INTO\\s.*?)\\s+FORMAT\\s+(\\w+)\\s*$");
  private static final Pattern OUTPUT_FORMAT =
      Pattern.compile("(?is)\\sFORMAT\\s+(\\w+)\\s*;?\\s*$");
  private static final Pattern SESSION = Pattern.compile("(?is)^\\s*(SET|USE)\\s.*");

  private Sql() {}

  /** A backquoted identifier. */
  static String identifier(String name) {
    return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
  }

  /** A single-quoted string literal. */
  static String string(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** For "INSERT INTO t (a) FORMAT RowBinary": {"INSERT INTO t (a)", "RowBinary"}; else null. */
  static String[] insertWithFormat(String query) {
    Matcher m = INSERT_FORMAT.matcher(query);
    return m.matches() ? new String[] {m.group(1), m.group(2)} : null;
  }

  /** The format a query's own FORMAT clause names, or {@code otherwise}. */
  static String outputFormat(String query, String otherwise) {
    if (query.stripLeading().toUpperCase(Locale.ROOT).startsWith("INSERT")) {
      return otherwise;
    }
    Matcher m = OUTPUT_FORMAT.matcher(query);
    return m.find() ? m.group(1) : otherwise;
  }

  /** Whether the statement changes its session (SET, USE), so its connection is not reused. */
  static boolean changesSession(String query) {
    return SESSION.matcher(query).matches();
  }
}
