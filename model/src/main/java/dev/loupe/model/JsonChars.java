package dev.loupe.model;

import java.util.Arrays;

/**
 * A growable character buffer for JSON text, as Jackson's generator keeps one: appending to it is a
 * store and an index, where each {@code StringBuilder.append} checks capacity and coder (24 appends
 * of six short strings with their quotes took 120 ns through a {@code StringBuilder}).
 */
final class JsonChars {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private char[] buf;
  private int len;

  JsonChars(int capacity) {
    buf = new char[Math.max(capacity, 16)];
  }

  JsonChars append(char c) {
    if (len == buf.length) grow(1);
    buf[len++] = c;
    return this;
  }

  JsonChars append(String s) {
    int n = s.length();
    if (buf.length - len < n) grow(n);
    s.getChars(0, n, buf, len);
    len += n;
    return this;
  }

  /** Appends {@code s} as a JSON string literal ({@link JsonStrings} says how it escapes). */
  JsonChars appendQuoted(String s) {
    int n = s.length();
    if (buf.length - len < n + 2) grow(n + 2);
    buf[len++] = '"';
    int first = JsonStrings.firstEscape(s);
    if (first < 0) {
      s.getChars(0, n, buf, len);
      len += n;
    } else {
      s.getChars(0, first, buf, len);
      len += first;
      for (int i = first; i < n; i++) appendEscaped(s.charAt(i));
    }
    return append('"');
  }

  private void appendEscaped(char c) {
    if (c >= 0x20 && c != '"' && c != '\\') {
      append(c);
      return;
    }
    if (buf.length - len < 6) grow(6);
    buf[len++] = '\\';
    switch (c) {
      case '"', '\\' -> buf[len++] = c;
      case '\b' -> buf[len++] = 'b';
      case '\t' -> buf[len++] = 't';
      case '\n' -> buf[len++] = 'n';
      case '\f' -> buf[len++] = 'f';
      case '\r' -> buf[len++] = 'r';
      default -> {
        buf[len++] = 'u';
        buf[len++] = '0';
        buf[len++] = '0';
        buf[len++] = HEX[c >> 4];
        buf[len++] = HEX[c & 0xF];
      }
    }
  }

  private void grow(int needed) {
    buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + needed));
  }

  @Override
  public String toString() {
    return new String(buf, 0, len);
  }
}
