package dev.loupe.server.browser;

import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Base of the browser tests: one {@link UiFixture} (server, data, signed-in Chromium) per test
 * class; a failing test leaves a screenshot {@code failed-<class>-<test>.png} and the browser's
 * console on stdout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTest {
  UiFixture ui;

  @RegisterExtension
  final TestWatcher onFailure =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          if (ui == null) return;
          try {
            ui.screenshot(
                "failed-"
                    + context.getRequiredTestClass().getSimpleName()
                    + "-"
                    + context.getRequiredTestMethod().getName());
            ui.takeBrowserLog().forEach(l -> System.out.println("browser: " + l));
          } catch (RuntimeException e) {
            System.out.println("no failure screenshot: " + e);
          }
        }

        @Override
        public void testDisabled(ExtensionContext context, Optional<String> reason) {}
      };

  @BeforeAll
  void startFixture() throws Exception {
    ui = UiFixture.start();
  }

  @AfterAll
  void stopFixture() {
    if (ui != null) ui.close();
  }
}
