package dev.loupe.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.server.InitProject;
import dev.loupe.server.LoupeServer;
import dev.loupe.server.ServerConfig;
import dev.loupe.server.seed.Harness;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One real server (DuckDB file in a temp dir, project keys from the init config) loaded with the
 * seed trace (sent by the real Langfuse TypeScript SDK through the shared harness) and {@link
 * GeneratedData}, plus one headless Debian Chromium signed in through the sign-in form. Pages are
 * opened with {@link #open}, which waits for {@code html[data-loupe-ready]}, records the time from
 * navigation start to ready ({@code ui-timing <page> <ms>}) and saves a screenshot to {@code
 * target/ui-screenshots/<page>.png}.
 */
final class UiFixture implements AutoCloseable {
  static final String PROJECT = "ui-browser";
  static final String PK = "pk-lf-ui-browser";
  static final String SK = "sk-lf-ui-browser";
  static final String API_KEY = "lma_ui_browser_key";
  static final Path SHOTS = Path.of("target", "ui-screenshots").toAbsolutePath();
  static final Duration WAIT = Duration.ofSeconds(20);
  static final String CHROMIUM = setting("LOUPE_CHROMIUM", "/usr/bin/chromium");
  static final String CHROMEDRIVER = setting("LOUPE_CHROMEDRIVER", "/usr/bin/chromedriver");

  /**
   * Runs in every new document before the page's own scripts (CDP, so not subject to the page's
   * CSP): records CSP violations and the moment {@code data-loupe-ready} appears.
   */
  private static final String PROBE =
      """
      (() => {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => {
          window.__cspViolations.push(e.violatedDirective + ' blocked=' + e.blockedURI
              + ' at ' + e.sourceFile + ':' + e.lineNumber + ' ' + (e.sample || ''));
        }, true);
        const mark = () => {
          if (window.__loupeReadyAt === undefined && document.documentElement
              && document.documentElement.hasAttribute('data-loupe-ready')) {
            window.__loupeReadyAt = performance.now();
            return true;
          }
          return false;
        };
        const observer = new MutationObserver(() => { if (mark()) observer.disconnect(); });
        observer.observe(document, {subtree: true, attributes: true, attributeFilter: ['data-loupe-ready']});
      })();
      """;

  private static final AtomicBoolean TIMINGS_STARTED = new AtomicBoolean();
  private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");

  final Path dataDir;
  final LoupeServer server;
  final String baseUrl;
  final Ingest api;
  final String seedTraceId;
  final GeneratedData data;
  private final Path profileDir;
  private ChromeDriver driver;
  private final List<String> cspViolations = new ArrayList<>();

  private UiFixture(
      Path dataDir, LoupeServer server, String seedTraceId, GeneratedData data, Path profileDir) {
    this.dataDir = dataDir;
    this.server = server;
    this.baseUrl = "http://127.0.0.1:" + server.port();
    this.api = new Ingest(baseUrl, PK, SK);
    this.seedTraceId = seedTraceId;
    this.data = data;
    this.profileDir = profileDir;
  }

  /** Starts the server, loads the seed trace and the generated data, opens Chromium, signs in. */
  static UiFixture start() throws Exception {
    boolean installed =
        Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
    String missing =
        "Debian chromium and chromium-driver are not installed (.ci/run installs them)";
    // on CI a missing browser is a failure, never a silent skip
    if (!installed && "true".equals(System.getenv("CI"))) throw new IllegalStateException(missing);
    Assumptions.assumeTrue(installed, missing);
    long t0 = System.nanoTime();
    Path dataDir = Files.createTempDirectory("loupe-ui-data");
    LoupeServer server =
        LoupeServer.start(
            ServerConfig.defaults()
                .withPort(0)
                .withOtlpPort(-1)
                .withBind("127.0.0.1")
                .withStorage(ServerConfig.StorageKind.DUCKDB)
                .withDataDir(dataDir)
                .withInitProject(InitProject.of(PROJECT, PK, SK, API_KEY)));
    UiFixture f = null;
    try {
      String base = "http://127.0.0.1:" + server.port();
      Harness harness = Harness.prepared();
      Harness.Run run =
          harness.run(Map.of("RUN_ONLY", "json+none"), "bash", "run-seed.sh", base, PK, SK);
      assertThat(run.exitCode()).as(run.output()).isZero();
      assertThat(run.output()).as(run.output()).contains("1 passed, 0 failed");
      assertThat(run.traceIds()).as(run.output()).hasSize(1);
      long t1 = System.nanoTime();
      GeneratedData data = GeneratedData.sendTo(new Ingest(base, PK, SK), Instant.now());
      long t2 = System.nanoTime();
      f =
          new UiFixture(
              dataDir,
              server,
              run.traceIds().getFirst(),
              data,
              Files.createTempDirectory("loupe-ui-chromium"));
      f.driver = openChromium(f.profileDir);
      long t3 = System.nanoTime();
      f.signIn(PK, SK, "login");
      System.out.printf(
          "ui-fixture server+seed %d ms, generated data %d ms, chromium %d ms%n",
          (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
      return f;
    } catch (Exception | Error e) {
      if (f != null) f.close();
      else {
        server.close();
        deleteTree(dataDir);
      }
      throw e;
    }
  }

  private static ChromeDriver openChromium(Path profileDir) {
    // the driver is given explicitly: Selenium Manager never runs and nothing is downloaded
    DEVTOOLS_LOG.setLevel(Level.SEVERE); // no Java CDP bindings for this Chromium: only raw CDP
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
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
        "--user-data-dir=" + profileDir);
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    driver.executeCdpCommand("Page.enable", Map.of());
    driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", PROBE));
    return driver;
  }

  private static String setting(String name, String fallback) {
    String v = System.getProperty(name, System.getenv(name));
    return v == null || v.isBlank() ? fallback : v;
  }

  WebDriver driver() {
    return driver;
  }

  String url(String path) {
    return baseUrl + path;
  }

  /** A viewport size the pages are checked at; {@code mobile} emulates a phone. */
  record Viewport(String name, int width, int height, boolean mobile) {}

  static final Viewport LAPTOP = new Viewport("1280", 1280, 800, false);
  static final Viewport PHONE = new Viewport("390", 390, 844, true);

  /** Makes the page area {@code v} (CDP device metrics); reload or open a page after it. */
  void viewport(Viewport v) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of(
            "width",
            v.width(),
            "height",
            v.height(),
            "deviceScaleFactor",
            1,
            "mobile",
            v.mobile()));
  }

  /** The browser's own window size again. */
  void defaultViewport() {
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }

  /** Signs in through the form; {@code name} names the timing and screenshot of the result. */
  void signIn(String publicKey, String secretKey, String name) {
    open("login-form", "/ui/login");
    WebElement pk = driver.findElement(By.name("publicKey"));
    pk.clear();
    pk.sendKeys(publicKey);
    WebElement sk = driver.findElement(By.name("secretKey"));
    sk.clear();
    navigateBy(name, () -> sk.sendKeys(secretKey + Keys.ENTER));
  }

  /**
   * Opens {@code path}, waits until the page is ready, records its timing and saves a screenshot
   * named {@code page}; returns the navigation-start-to-ready time in ms.
   */
  long open(String page, String path) {
    return navigateBy(page, () -> driver.get(url(path)));
  }

  /**
   * Runs an action that loads a new document (a link click, a form submit), then waits for the new
   * document to be ready, records the timing and saves a screenshot named {@code page}.
   */
  long navigateBy(String page, Runnable action) {
    collectCspViolations();
    js("window.__loupeOldDocument = 1;");
    long t0 = System.nanoTime();
    action.run();
    waitUntil(
        d ->
            Boolean.TRUE.equals(
                js(
                    "return window.__loupeOldDocument === undefined"
                        + " && document.readyState !== 'loading'"
                        + " && document.documentElement.hasAttribute('data-loupe-ready');")));
    long wall = (System.nanoTime() - t0) / 1_000_000;
    Object readyAt =
        js("return window.__loupeReadyAt === undefined ? null : window.__loupeReadyAt;");
    long ms = readyAt instanceof Number n ? Math.round(n.doubleValue()) : wall;
    timing(page, ms);
    screenshot(page);
    return ms;
  }

  /** Waits for a condition on the open page; stale elements (a swapped fragment) are retried. */
  <T> T waitUntil(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT)
        .pollingEvery(Duration.ofMillis(25))
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Page text as a person sees it. */
  String bodyText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** CSP violations the open document and every earlier one reported since the last call. */
  List<String> takeCspViolations() {
    collectCspViolations();
    List<String> all = List.copyOf(cspViolations);
    cspViolations.clear();
    return all;
  }

  private void collectCspViolations() {
    Object v = js("return window.__cspViolations || [];");
    if (v instanceof List<?> list) list.forEach(x -> cspViolations.add(String.valueOf(x)));
    js("if (window.__cspViolations) window.__cspViolations.length = 0;");
  }

  /** The browser console since the last call (errors, CSP reports), if the driver offers it. */
  List<String> takeBrowserLog() {
    try {
      return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
          .map(LogEntry::toString)
          .toList();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /** Saves a screenshot of the whole page (up to 6000 px tall) as {@code <name>.png}. */
  void screenshot(String name) {
    try {
      Files.createDirectories(SHOTS);
      byte[] png;
      try {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        Object inner = js("return window.innerWidth;");
        double viewport = inner instanceof Number n ? n.doubleValue() : 1400;
        double width = Math.max(viewport, ((Number) size.get("width")).doubleValue());
        double height = Math.min(6000, Math.max(900, ((Number) size.get("height")).doubleValue()));
        Map<String, Object> shot =
            driver.executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                    "format",
                    "png",
                    "captureBeyondViewport",
                    true,
                    "clip",
                    Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        png = Base64.getDecoder().decode((String) shot.get("data"));
      } catch (RuntimeException e) {
        png = driver.getScreenshotAs(OutputType.BYTES);
      }
      Files.write(SHOTS.resolve(name + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Prints {@code ui-timing <page> <ms>} and appends it to {@code timings.txt}. */
  static synchronized void timing(String page, long ms) {
    String line = "ui-timing " + page + " " + ms;
    System.out.println(line);
    try {
      Files.createDirectories(SHOTS);
      Path file = SHOTS.resolve("timings.txt");
      if (TIMINGS_STARTED.compareAndSet(false, true)) Files.deleteIfExists(file);
      Files.writeString(
          file,
          line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      if (driver != null) driver.quit();
    } finally {
      server.close();
      deleteTree(dataDir);
      deleteTree(profileDir);
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) return;
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
  }
}
