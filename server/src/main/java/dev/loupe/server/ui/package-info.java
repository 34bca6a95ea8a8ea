/**
 * The web UI's shell, which every page group uses: {@link dev.loupe.server.ui.UiRoutes} registers
 * the pages under {@code /ui} and requires a signed-in session, {@link dev.loupe.server.ui.Pages}
 * renders a template and adds the security headers, {@link dev.loupe.server.ui.Formats} writes
 * display text. The page groups are the subpackages {@code access}, {@code traces}, {@code people}
 * and {@code analytics}; each is public only where the shell calls it.
 */
package dev.loupe.server.ui;
