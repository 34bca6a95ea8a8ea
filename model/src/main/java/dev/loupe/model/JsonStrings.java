package dev.loupe.model;

/**
 * JSON string literals exactly as {@link Json#MAPPER} writes them, without a Jackson generator
 * (which costs more to set up than quoting a short string does): {@code "} and {@code \} escaped
 * with a backslash; backspace, tab, newline, form feed and carriage return as {@code \b \t \n \f
 * \r}; the other characters below U+0020 as {@code \}{@code u00XX} with upper-case hex; everything
 * else, {@code /}, DEL, non-ASCII and lone surrogates included, as it is. Ingest quotes every
 * non-JSON input and output this way.
 */
final class JsonStrings {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private JsonStrings() {}

  /** {@code s} as a JSON string literal. */
  static String quote(String s) {
    int first = firstEscape(s);
    if (first < 0) return '"' + s + '"';
    StringBuilder out = new StringBuilder(s.length() + 16);
    out.append('"').append(s, 0, first);
    appendEscaped(out, s, first);
    return out.append('"').toString();
  }

  /** Appends {@code s} as a JSON string literal. */
  static void append(StringBuilder out, String s) {
    out.append('"');
    int first = firstEscape(s);
    if (first < 0) {
      out.append(s);
    } else {
      out.append(s, 0, first);
      appendEscaped(out, s, first);
    }
    out.append('"');
  }

  private static void appendEscaped(StringBuilder out, String s, int from) {
    for (int i = from, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        out.append(c);
        continue;
      }
      out.append('\\');
      switch (c) {
        case '"', '\\' -> out.append(c);
        case '\b' -> out.append('b');
        case '\t' -> out.append('t');
        case '\n' -> out.append('n');
        case '\f' -> out.append('f');
        case '\r' -> out.append('r');
        default -> out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
  }

  /**
   * The index of the first character that needs an escape, or -1. Long text, which rarely has one,
   * is first checked with {@code indexOf} and {@link Chars#anyBetween}, which the JIT turns into
   * vector instructions (120-140 ns for 400 characters against 250-550 for a loop over {@code
   * charAt} with three comparisons, JDK 25); only text that has one is searched character by
   * character.
   */
  static int firstEscape(String s) {
    int n = s.length();
    if (n >= 32
        && s.indexOf('"') < 0
        && s.indexOf('\\') < 0
        && !Chars.anyBetween(s, 0, n, '\0', (char) 0x1F)) return -1;
    return firstEscape(s, 0, n);
  }

  private static int firstEscape(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') return i;
    }
    return -1;
  }
}
