package dev.loupe.storage.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.CheckResult;
import dev.loupe.storage.Page;
import dev.loupe.storage.Storage;
import dev.loupe.storage.TraceDetail;
import dev.loupe.storage.TraceStore;
import dev.loupe.storage.WriteBatch;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * Base of the shared storage suite. Each test gets a fresh, empty storage from {@link
 * #newStorage(Path, TestInfo)} and closes it afterwards; when {@link Storage#check()} fails the
 * test is skipped, not failed. A backend runs the whole suite from one file with a {@code @Nested}
 * class per suite:
 *
 * <pre>{@code
 * class ITDuckDbStorage {
 *   @Nested class ITTraceStore extends dev.loupe.storage.tests.ITTraceStore<DuckDbStorage> {
 *     @Override protected DuckDbStorage newStorage(Path tempDir, TestInfo test) {
 *       return DuckDbStorage.open(tempDir);
 *     }
 *   }
 *   // ... one per suite
 * }
 * }</pre>
 *
 * <p>Rows read back must equal the rows written (or their {@code mergedWith} result) field by
 * field. The one allowance: decimals compare by value, so a backend may return {@code 0.00018} as
 * {@code 0.000180000000}. Costs in the suite have at most 12 fractional digits.
 */
public abstract class ITStorage<S extends Storage> {
  /** The storage under test, fresh for each test. */
  protected S storage;

  /**
   * A new, empty storage. Backends that share a server between tests empty it here.
   *
   * @param tempDir a directory that exists for this test only
   */
  protected abstract S newStorage(Path tempDir, TestInfo testInfo);

  /**
   * Whether the tests of this class share one storage, opened before the first and closed by the
   * class ({@link ITAnalyticsRandomized}, whose many cases only read one data set written once: a
   * class with this must be {@code @TestInstance(PER_CLASS)} and close {@link #storage} itself).
   */
  protected boolean sharedAcrossTests() {
    return false;
  }

  /** The directory of a storage shared across tests (not the per-test temporary directory). */
  protected Path sharedDir;

  @BeforeEach
  void openStorage(@TempDir Path tempDir, TestInfo testInfo) throws IOException {
    if (sharedAcrossTests() && storage != null) return;
    Path dir = tempDir;
    if (sharedAcrossTests()) dir = sharedDir = Files.createTempDirectory("loupe-storage-suite");
    storage = newStorage(dir, testInfo);
    CheckResult check = storage.check();
    if (!check.ok()) {
      storage.close();
      storage = null;
      throw new TestAbortedException("storage is not available: " + check.error());
    }
  }

  @AfterEach
  void closeStorage() {
    if (storage != null && !sharedAcrossTests()) storage.close();
  }

  protected TraceStore store() {
    return storage.traceStore();
  }

  protected void accept(WriteBatch batch) {
    storage.observationConsumer().accept(batch);
  }

  protected void accept(List<Trace> traces, List<Observation> observations) {
    accept(WriteBatch.of(traces, observations));
  }

  protected void accept(Trace... traces) {
    accept(List.of(traces), List.of());
  }

  protected void accept(Observation... observations) {
    accept(List.of(), List.of(observations));
  }

  /** The stored trace; fails when absent. */
  protected TraceDetail getTrace(String projectId, String traceId) {
    return store()
        .getTrace(projectId, traceId)
        .orElseThrow(() -> new AssertionError("trace " + traceId + " not found in " + projectId));
  }

  protected TraceDetail getTrace(String traceId) {
    return getTrace(TestObjects.PROJECT, traceId);
  }

  /**
   * Asserts field-by-field equality, decimals by value. Works on records, lists and maps of them.
   */
  protected static void assertStored(Object actual, Object expected) {
    assertThat(actual)
        .usingRecursiveComparison()
        .withStrictTypeChecking()
        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
        .isEqualTo(expected);
  }

  /** Asserts the trace and its observations (in trace order) are stored exactly so. */
  protected void assertTrace(Trace expected, Observation... observations) {
    assertStored(
        getTrace(expected.projectId(), expected.id()),
        new TraceDetail(expected, Arrays.asList(observations)));
  }

  /** The ids of a page's items. */
  protected static <T> List<String> ids(Page<T> page, Function<T, String> id) {
    return page.items().stream().map(id).toList();
  }
}
