package dev.loupe.testing.clickhouse;

import java.nio.charset.StandardCharsets;
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
      Pattern.compile("(?is)^\\s*(INSERT\\s+INTO\\s.*?)\\s+FORMAT\\s+(\\w+)");

  /** How far into a statement its FORMAT clause is looked for. */
  private static final int HEAD = 1 << 16;

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

  /**
   * An INSERT whose data follows its FORMAT clause ("INSERT INTO t (a) FORMAT RowBinary\n" then the
   * rows), split as a server splits it: the data starts after the format name, the spaces and tabs
   * after it, and one line break. Null for any other statement.
   */
  static Insert insert(byte[] statement) {
    // ISO-8859-1 keeps one char per byte, so the match's offsets are the data's offsets.
    String head =
        new String(statement, 0, Math.min(HEAD, statement.length), StandardCharsets.ISO_8859_1);
    Matcher m = INSERT_FORMAT.matcher(head);
    if (!m.find()) {
      return null;
    }
    int data = m.end();
    while (data < statement.length
        && (statement[data] == ' ' || statement[data] == '\t' || statement[data] == '\f')) {
      data++;
    }
    if (data < statement.length && statement[data] == '\r') {
      data++;
    }
    if (data < statement.length && statement[data] == '\n') {
      data++;
    }
    String sql = new String(statement, 0, m.end(1), StandardCharsets.UTF_8);
    return new Insert(sql, m.group(2), data);
  }

  /** "INSERT INTO t (a)", the format of its data, and where the data starts in the statement. */
  record Insert(String sql, String format, int dataOffset) {}

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
