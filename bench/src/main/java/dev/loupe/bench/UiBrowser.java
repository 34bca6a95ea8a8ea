package dev.loupe.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium through chromedriver (both at explicit paths, nothing downloaded), a fresh
 * profile per run. Every document gets a tiny observer before its own scripts run (through the
 * DevTools protocol, which the page's CSP does not govern) that notes {@code performance.now()} —
 * milliseconds since the navigation started — the moment {@code html[data-loupe-ready]} appears.
 */
final class UiBrowser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /**
   * Selenium's logger, held so its level sticks: quiet about the DevTools bindings it has no exact
   * match for (the bench sends its one DevTools command through chromedriver, which needs none).
   */
  private static final java.util.logging.Logger SELENIUM_LOG =
      java.util.logging.Logger.getLogger("org.openqa.selenium");

  /** Runs in every new document before its scripts; the page's CSP does not apply to it. */
  private static final String READY_OBSERVER =
      """
      (() => {
        if (window.top !== window) return;
        const mark = () => {
          const html = document.documentElement;
          if (window.__loupeReadyAt === undefined && html && html.hasAttribute('data-loupe-ready'))
            window.__loupeReadyAt = performance.now();
        };
        new MutationObserver(mark).observe(document,
            {subtree: true, childList: true, attributes: true, attributeFilter: ['data-loupe-ready']});
      })();
      """;

  /** What the page's navigation entry says, read once it is ready. */
  private static final String NAVIGATION =
      """
      const n = performance.getEntriesByType('navigation')[0] || {};
      return {
        ready: window.__loupeReadyAt === undefined ? -1 : window.__loupeReadyAt,
        status: n.responseStatus || 0,
        html: (n.responseEnd || 0) - (n.requestStart || 0),
        bytes: n.decodedBodySize || 0,
        phases: [n.requestStart || 0, n.responseStart || 0, n.responseEnd || 0,
                 n.domInteractive || 0, n.domContentLoadedEventStart || 0,
                 n.domContentLoadedEventEnd || 0],
        resources: performance.getEntriesByType('resource').map(r =>
            r.name.replace(/^.*\\//, '') + ' ' + Math.round(r.startTime) + '+'
            + Math.round(r.duration) + (r.transferSize === 0 ? ' cached' : '')).join(', '),
        title: document.title,
        path: location.pathname
      };
      """;

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final Path profile;
  private final Duration timeout;

  /**
   * One visit: milliseconds from navigation start to ready (-1: never), and the document; {@code
   * phases} the navigation's marks in ms from its start (request sent, first byte, last byte, DOM
   * parsed, DOMContentLoaded start and end) and {@code detail} its subresources and the renderer's
   * own time by kind, for {@code --phases}.
   */
  record Visit(
      double readyMillis,
      int status,
      double htmlMillis,
      long htmlBytes,
      String title,
      String path,
      List<Double> phases,
      String detail) {
    boolean ready() {
      return readyMillis >= 0;
    }
  }

  UiBrowser(Duration timeout) throws Exception {
    SELENIUM_LOG.setLevel(java.util.logging.Level.SEVERE);
    this.timeout = timeout;
    this.profile = Files.createTempDirectory("loupe-bench-ui-chromium");
    this.service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(new File("/dev/null"))
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.setPageLoadStrategy(PageLoadStrategy.NORMAL);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,900",
        "--user-data-dir=" + profile);
    ChromeDriver d;
    try {
      d = new ChromeDriver(service, options);
    } catch (RuntimeException e) {
      service.stop();
      Dirs.delete(profile);
      throw e;
    }
    this.driver = d;
    driver.manage().timeouts().pageLoadTimeout(timeout);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    driver.executeCdpCommand("Page.enable", Map.of());
    driver.executeCdpCommand("Performance.enable", Map.of("timeDomain", "threadTicks"));
    driver.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument", Map.of("source", READY_OBSERVER));
  }

  static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  String version() {
    Object v = driver.getCapabilities().getCapability("browserVersion");
    return "Chromium " + v;
  }

  /** Signs in on {@code /ui/login} with a key pair; fails unless the UI lets us in. */
  void signIn(String baseUrl, String publicKey, String secretKey) {
    driver.get(baseUrl + "/ui/login");
    driver.findElement(By.name("publicKey")).sendKeys(publicKey);
    driver.findElement(By.name("secretKey")).sendKeys(secretKey);
    driver.findElement(By.cssSelector("form[action='/ui/login']")).submit();
    new WebDriverWait(driver, timeout)
        .until(w -> !java.net.URI.create(w.getCurrentUrl()).getPath().equals("/ui/login"));
    if (driver.manage().getCookies().isEmpty()) {
      throw new IllegalStateException("signed in but the UI set no session cookie");
    }
  }

  /**
   * Navigates to {@code url} and waits until the page marks itself ready (or the timeout): the time
   * is the browser's own, from navigation start, so polling does not add to it.
   */
  Visit visit(String url) {
    try {
      driver.get(url);
    } catch (TimeoutException e) {
      return new Visit(-1, 0, -1, 0, "page load timed out", url, List.of(), "");
    }
    try {
      new WebDriverWait(driver, timeout, Duration.ofMillis(10))
          .until(
              w ->
                  Boolean.TRUE.equals(
                      ((JavascriptExecutor) w)
                          .executeScript("return window.__loupeReadyAt !== undefined")));
    } catch (TimeoutException notReady) {
      // reported as not ready below
    }
    Map<?, ?> n = (Map<?, ?>) driver.executeScript(NAVIGATION);
    Map<String, Double> renderer = rendererMetrics(); // the new document's own, from its start
    StringBuilder cpu = new StringBuilder();
    for (String m : RENDERER_METRICS) {
      cpu.append(
          String.format(
              " %s %.1f", m.replace("Duration", ""), renderer.getOrDefault(m, 0.0) * 1e3));
    }
    return new Visit(
        ((Number) n.get("ready")).doubleValue(),
        ((Number) n.get("status")).intValue(),
        ((Number) n.get("html")).doubleValue(),
        ((Number) n.get("bytes")).longValue(),
        String.valueOf(n.get("title")),
        String.valueOf(n.get("path")),
        ((List<?>) n.get("phases")).stream().map(o -> ((Number) o).doubleValue()).toList(),
        "resources: " + n.get("resources") + "\n    renderer CPU ms (to now):" + cpu);
  }

  /**
   * The renderer's time by kind (CDP Performance metrics in thread time, so another process's load
   * does not count): the document's whole life so far, which includes work after ready.
   */
  private static final List<String> RENDERER_METRICS =
      List.of(
          "TaskDuration",
          "ScriptDuration",
          "RecalcStyleDuration",
          "LayoutDuration",
          "TaskOtherDuration");

  private Map<String, Double> rendererMetrics() {
    Map<String, Double> out = new java.util.HashMap<>();
    try {
      Object r = driver.executeCdpCommand("Performance.getMetrics", Map.of()).get("metrics");
      for (Object o : (List<?>) r) {
        Map<?, ?> m = (Map<?, ?>) o;
        out.put(String.valueOf(m.get("name")), ((Number) m.get("value")).doubleValue());
      }
    } catch (WebDriverException e) {
      // no metrics: zeros
    }
    return out;
  }

  /** How many elements of the current page match {@code css}. */
  int count(String css) {
    return driver.findElements(By.cssSelector(css)).size();
  }

  /** The text of every element matching {@code css}, in document order. */
  List<String> texts(String css) {
    @SuppressWarnings("unchecked")
    List<Object> l =
        (List<Object>)
            driver.executeScript(
                "return Array.from(document.querySelectorAll(arguments[0]), e => e.textContent)",
                css);
    return l.stream().map(String::valueOf).toList();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } catch (WebDriverException e) {
      // the browser is gone already
    } finally {
      service.stop();
      Dirs.delete(profile);
    }
  }
}
