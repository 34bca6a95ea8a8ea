package dev.loupe.server.ui;

import dev.loupe.server.http.Exchange;
import java.io.IOException;

/** Placeholder until the page is built. */
final class ModelPages {
  static final String PATH = "/ui/models";

  private final Pages pages;

  ModelPages(UiContext ui, Pages pages) {
    this.pages = pages;
  }

  void page(Exchange ex, String projectId) throws IOException {
    pages.render(ex, 404, "notFound.jte", new NotFoundPage("not built yet"));
  }
}
