package dev.loupe.server.ui.people;

import dev.loupe.query.QueryParams;
import dev.loupe.server.http.Exchange;
import dev.loupe.server.ui.Formats;
import dev.loupe.server.ui.Pages;
import dev.loupe.server.ui.TimeRange;
import dev.loupe.server.ui.UiContext;
import dev.loupe.server.ui.traces.TracePages;
import dev.loupe.storage.Page;
import dev.loupe.storage.analytics.Dimension;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The users list: every user id with traces or observations in the range, with the analytics
 * store's figures ({@link PeopleFigures}), sorted by traces or cost and paged here (the metrics
 * query has a row limit but no offset, so the page is cut from the ordered, limited result).
 */
public final class UserPages {
  public static final String LIST = "/ui/users";
  static final int PAGE_SIZE = 50;

  private final PeopleFigures figures;
  private final Clock clock;
  private final Pages pages;

  public UserPages(UiContext ui, Pages pages) {
    this.figures = new PeopleFigures(ui.analytics());
    this.clock = ui.clock();
    this.pages = pages;
  }

  public void list(Exchange ex, String projectId) throws IOException {
    QueryParams in = ex.params();
    TimeRange range = PeopleFigures.range(in.string("range"));
    boolean byCost = "cost".equals(in.string("sort"));
    String sort = byCost ? "cost" : "traces";
    PeopleFigures.Grouped grouped =
        figures.all(projectId, Dimension.USER_ID, range.start(clock.instant()));
    List<Map.Entry<String, PeopleFigures.Figures>> users =
        new ArrayList<>(grouped.byId().entrySet());
    users.sort(order(byCost));
    Page<Map.Entry<String, PeopleFigures.Figures>> page =
        Page.slice(users, Math.min(pageNo(in), pages(users.size())), PAGE_SIZE);
    Map<String, PeopleFigures.Seen> seen =
        figures.seen(
            projectId,
            Dimension.USER_ID,
            page.items().stream().map(Map.Entry::getKey).toList(),
            range.start(clock.instant()));
    List<UsersPage.Row> rows = new ArrayList<>(page.items().size());
    for (Map.Entry<String, PeopleFigures.Figures> e : page.items()) {
      String id = e.getKey();
      PeopleFigures.Figures f = e.getValue();
      PeopleFigures.Seen times = seen.get(id);
      rows.add(
          new UsersPage.Row(
              id,
              TracePages.LIST + "?userId=" + Formats.queryValue(id) + "&range=" + range.wire(),
              f.traces(),
              Formats.money(f.cost()),
              f.cost() == null ? "" : f.cost().toPlainString(),
              f.tokens(),
              f.errors(),
              PeopleFigures.time(times == null ? null : times.last())));
    }
    String base = LIST + "?range=" + range.wire();
    String sorted = base + "&sort=" + sort;
    pages.render(
        ex,
        200,
        "users.jte",
        new UsersPage(
            projectId,
            range.wire(),
            TimeRange.wires(PeopleFigures.RANGES),
            sort,
            base + "&sort=traces",
            base + "&sort=cost",
            rows,
            page.totalItems(),
            page.page(),
            page.totalPages(),
            page.page() > 1 ? sorted + "&page=" + (page.page() - 1) : "",
            page.page() < page.totalPages() ? sorted + "&page=" + (page.page() + 1) : "",
            grouped.truncated()));
  }

  /** Descending by the sort figure (no cost last), then by the other figure, then by id. */
  private static Comparator<Map.Entry<String, PeopleFigures.Figures>> order(boolean byCost) {
    Comparator<Map.Entry<String, PeopleFigures.Figures>> traces =
        Comparator.comparingLong(e -> -e.getValue().traces());
    Comparator<Map.Entry<String, PeopleFigures.Figures>> cost =
        Comparator.comparing(
            e -> e.getValue().cost(), Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder()));
    Comparator<Map.Entry<String, PeopleFigures.Figures>> first =
        byCost ? cost.thenComparing(traces) : traces.thenComparing(cost);
    return first.thenComparing(Map.Entry::getKey);
  }

  private static int pageNo(QueryParams in) {
    return in.integer("page", 1, 1, 1_000_000);
  }

  private static int pages(int items) {
    return Math.max(1, (items + PAGE_SIZE - 1) / PAGE_SIZE);
  }
}
