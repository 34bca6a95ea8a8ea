package dev.loupe.query;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * CSV records as RFC 4180 writes them: fields separated by commas, records ended by CRLF, a field
 * quoted when it holds a comma, a quote, CR or LF (its quotes doubled). A field that a spreadsheet
 * would run as a formula (it starts with {@code = + - @}, a tab or a carriage return) gets a
 * leading apostrophe first, as OWASP advises against CSV injection: the cell then shows the text it
 * holds. Numbers are written by the caller as plain text and never start with such a sign here
 * (costs, tokens and latencies are not negative).
 */
final class Csv {
  private Csv() {}

  /** One record, CRLF included; null fields are empty. */
  static String record(List<@Nullable String> fields) {
    StringBuilder sb = new StringBuilder(64 * fields.size());
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) sb.append(',');
      field(sb, fields.get(i));
    }
    return sb.append("\r\n").toString();
  }

  static void field(StringBuilder sb, @Nullable String value) {
    if (value == null || value.isEmpty()) return;
    String v = isFormula(value) ? "'" + value : value;
    if (!needsQuotes(v)) {
      sb.append(v);
      return;
    }
    sb.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"') sb.append('"');
      sb.append(c);
    }
    sb.append('"');
  }

  private static boolean isFormula(String v) {
    char c = v.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  }

  private static boolean needsQuotes(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == ',' || c == '"' || c == '\r' || c == '\n') return true;
    }
    return false;
  }
}
