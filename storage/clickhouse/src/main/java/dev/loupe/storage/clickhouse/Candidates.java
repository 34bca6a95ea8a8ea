package dev.loupe.storage.clickhouse;

import dev.loupe.storage.FullText;
import dev.loupe.storage.Page;
import dev.loupe.storage.Paging;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Rows a full-text search's pre-filter left ({@link FullTextSql}), in the query's order, with the
 * text the term is matched in; {@link #page} keeps those {@link FullText} matches and cuts the
 * page.
 */
record Candidates(
    String id, @Nullable String name, @Nullable String input, @Nullable String output) {
  /** Reads {@code id, name, input, output}. */
  static Candidates read(RowBinaryIn in) {
    return new Candidates(
        in.string(), in.nullableString(), in.nullableString(), in.nullableString());
  }

  /** The ids of the matching candidates on the requested page, and how many match in all. */
  static Page<String> page(List<Candidates> sorted, FullText ft, Paging paging) {
    List<String> matching =
        sorted.stream()
            .filter(c -> ft.matches(c.name(), c.input(), c.output()))
            .map(Candidates::id)
            .toList();
    return Page.slice(matching, paging.page(), paging.limit());
  }
}
