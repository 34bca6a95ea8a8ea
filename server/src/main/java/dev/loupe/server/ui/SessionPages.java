package dev.loupe.server.ui;

import dev.loupe.server.http.Exchange;
import java.io.IOException;

/** Placeholder until the page is built. */
final class SessionPages {
  static final String LIST = "/ui/sessions";

  private final Pages pages;

  SessionPages(UiContext ui, Pages pages) {
    this.pages = pages;
  }

  void list(Exchange ex, String projectId) throws IOException {
    pages.render(ex, 404, "notFound.jte", new NotFoundPage("not built yet"));
  }

  void detail(Exchange ex, String projectId) throws IOException {
    pages.render(ex, 404, "notFound.jte", new NotFoundPage("not built yet"));
  }
}
