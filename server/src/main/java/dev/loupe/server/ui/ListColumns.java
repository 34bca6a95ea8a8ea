package dev.loupe.server.ui;

import dev.loupe.query.InvalidParameterException;
import dev.loupe.query.QueryParams;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which optional columns a list shows, and its page size: the column chooser and the page-size
 * picker of the traces and observations lists, with no script. The form sends {@code cols} (one
 * checkbox per column, plus an empty hidden {@code cols} so that "none" is a choice too) and links
 * carry it comma-separated; the server remembers the last choice in a cookie per list, so the list
 * opened from the menu keeps it. Without either, the defaults. An unknown column or size is a 400
 * naming the parameter.
 *
 * @param offered the optional columns, in header order
 * @param shown the keys of the columns shown
 * @param chosen true when {@code shown} came from the request (then links repeat it)
 */
public record ListColumns(List<Choice> offered, Set<String> shown, boolean chosen) {
  /** The page sizes offered; the public API's largest page is 100 rows. */
  public static final List<Integer> PAGE_SIZES = List.of(10, 25, 50, 100);

  public static final int DEFAULT_PAGE_SIZE = 50;

  /** An optional column: its key, header label, and whether a list shows it by default. */
  public record Choice(String key, String label, boolean byDefault) {}

  public ListColumns {
    offered = List.copyOf(offered);
    shown = Set.copyOf(shown);
  }

  /** True when the list shows the column {@code key}. */
  public boolean shows(String key) {
    return shown.contains(key);
  }

  /** The shown keys in header order, comma-separated: the {@code cols} value of links. */
  public String wire() {
    List<String> keys = new ArrayList<>();
    for (Choice c : offered) if (shown.contains(c.key)) keys.add(c.key);
    return String.join(",", keys);
  }

  /**
   * The request's choice ({@code cols}, repeated or comma-separated), else the cookie's (an unknown
   * key there is ignored: the cookie may predate a change), else the defaults.
   */
  public static ListColumns read(QueryParams in, @Nullable String cookie, List<Choice> offered) {
    if (in.has("cols")) {
      Set<String> keys = new LinkedHashSet<>();
      for (String v : in.strings("cols")) keys.addAll(ListSorting.commaSeparated(v));
      for (String key : keys) {
        if (offered.stream().noneMatch(c -> c.key.equals(key))) {
          throw new InvalidParameterException(
              "cols",
              "unknown column '"
                  + key
                  + "'; expected some of "
                  + String.join(", ", offered.stream().map(Choice::key).toList()));
        }
      }
      return new ListColumns(offered, keys, true);
    }
    if (cookie != null) {
      Set<String> keys = new LinkedHashSet<>();
      for (String key : ListSorting.commaSeparated(cookie.replace('.', ','))) {
        if (offered.stream().anyMatch(c -> c.key.equals(key))) keys.add(key);
      }
      return new ListColumns(offered, keys, false);
    }
    Set<String> defaults = new LinkedHashSet<>();
    for (Choice c : offered) if (c.byDefault) defaults.add(c.key);
    return new ListColumns(offered, defaults, false);
  }

  /**
   * The {@code limit} parameter: one of {@link #PAGE_SIZES}; {@link #DEFAULT_PAGE_SIZE} when
   * absent.
   */
  public static int pageSize(@Nullable String limit) {
    if (limit == null || limit.isBlank()) return DEFAULT_PAGE_SIZE;
    for (int size : PAGE_SIZES) if (Integer.toString(size).equals(limit.strip())) return size;
    throw new InvalidParameterException(
        "limit",
        "expected one of "
            + String.join(", ", PAGE_SIZES.stream().map(String::valueOf).toList())
            + ", got '"
            + limit
            + "'");
  }

  /** The cookie that remembers the choice for the list {@code name} (keys joined by dots). */
  public String setCookie(String name) {
    return name + "=" + wire().replace(',', '.') + "; Path=/ui; SameSite=Strict; Max-Age=31536000";
  }

  /** The value of cookie {@code name} in a {@code Cookie} header, or null. */
  public static @Nullable String cookie(@Nullable String header, String name) {
    if (header == null) return null;
    for (String pair : header.split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
        return pair.substring(eq + 1).strip();
      }
    }
    return null;
  }
}
