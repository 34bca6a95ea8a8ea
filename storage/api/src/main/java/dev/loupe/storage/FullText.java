package dev.loupe.storage;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The full-text filter's one definition, shared by every backend: a term occurs in a text ignoring
 * case, where the text is JSON (an input or output) read as the user reads it, with its string
 * escapes decoded ({@code \"}, {@code \\}, {@code \n}, {@code \u00e9}, ...). So a term with a quote
 * or a newline, or a word inside a JSON string nested in another (a tool call's {@code arguments}),
 * matches as shown; key names and punctuation are part of the text too. Case is folded one UTF-16
 * unit at a time ({@code Character.toLowerCase(Character.toUpperCase(c))}, as {@link
 * String#equalsIgnoreCase} does), the same on both sides.
 *
 * <pre>{@code
 * FullText t = FullText.of("Order #1182");
 * t.matches("{\"content\":\"my ORDER #1182 never arrived\"}"); // true
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FullText {
  /** Longest term accepted, in characters. */
  public static final int MAX_LENGTH = 200;

  private final String term;
  private final char[] folded;

  private FullText(String term) {
    this.term = term;
    this.folded = new char[term.length()];
    for (int i = 0; i < term.length(); i++) folded[i] = fold(term.charAt(i));
  }

  /**
   * The filter for {@code term}; a blank term or one longer than {@link #MAX_LENGTH} is refused.
   */
  public static FullText of(String term) {
    requireNonNull(term, "term");
    if (term.isBlank()) throw new IllegalArgumentException("fullText: is blank");
    if (term.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "fullText: at most " + MAX_LENGTH + " characters, got " + term.length());
    }
    return new FullText(term);
  }

  /** The term as given. */
  public String term() {
    return term;
  }

  /** True when the term occurs in {@code json} (JSON escapes decoded, case folded). */
  public boolean matches(@Nullable CharSequence json) {
    return matches(json, true);
  }

  /** True when the term occurs in plain {@code text} (a name: no escapes to decode). */
  public boolean matchesPlain(@Nullable CharSequence text) {
    return matches(text, false);
  }

  private boolean matches(@Nullable CharSequence text, boolean json) {
    if (text == null) return false;
    int n = text.length();
    if (n == 0) return false;
    char[] decoded = new char[n];
    int size = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (json && c == '\\' && i + 1 < n) {
        char e = text.charAt(++i);
        c =
            switch (e) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              case 'b' -> '\b';
              case 'f' -> '\f';
              case 'u' -> {
                int code = i + 4 < n ? hex(text, i + 1) : -1;
                if (code < 0) yield e;
                i += 4;
                yield (char) code;
              }
              default -> e; // \" \\ \/ and anything else: the character itself
            };
      }
      decoded[size++] = fold(c);
    }
    return indexOf(decoded, size) >= 0;
  }

  /**
   * True when the term occurs in the plain {@code name} or in the JSON {@code input} or {@code
   * output}.
   */
  public boolean matches(
      @Nullable String name, @Nullable CharSequence input, @Nullable CharSequence output) {
    return matchesPlain(name) || matches(input) || matches(output);
  }

  private int indexOf(char[] text, int size) {
    char first = folded[0];
    int last = size - folded.length;
    outer:
    for (int i = 0; i <= last; i++) {
      if (text[i] != first) continue;
      for (int j = 1; j < folded.length; j++) if (text[i + j] != folded[j]) continue outer;
      return i;
    }
    return -1;
  }

  /** The 4 hex digits at {@code at} as a number; -1 when they are not hex digits. */
  private static int hex(CharSequence s, int at) {
    int v = 0;
    for (int k = 0; k < 4; k++) {
      int d = Character.digit(s.charAt(at + k), 16);
      if (d < 0) return -1;
      v = v * 16 + d;
    }
    return v;
  }

  private static char fold(char c) {
    return Character.toLowerCase(Character.toUpperCase(c));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FullText other && other.term.equals(term);
  }

  @Override
  public int hashCode() {
    return term.hashCode();
  }

  @Override
  public String toString() {
    return "FullText(" + term + ")";
  }
}
