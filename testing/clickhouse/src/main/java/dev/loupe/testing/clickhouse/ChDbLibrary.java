package dev.loupe.testing.clickhouse;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The C API of libchdb.so (chDB's {@code chdb.h}), bound once per process: the library can be
 * loaded only once, and it boots one engine per process. Found at {@code LOUPE_CHDB_LIB} or else at
 * {@code ~/.cache/loupe/chdb/libchdb.so}, where {@code testing/clickhouse/install-chdb.sh} puts it.
 */
// restricted: binding and reading native memory is what this class is for (native access is
// enabled for the module: surefire argLine, jar manifest)
@SuppressWarnings("restricted")
final class ChDbLibrary {
  private static final MemoryLayout SIZE_T = JAVA_LONG;
  private static volatile ChDbLibrary instance;

  final MethodHandle connect; // chdb_connection* chdb_connect(int argc, char** argv)
  final MethodHandle closeConn; // void chdb_close_conn(chdb_connection* conn)
  final MethodHandle queryN; // chdb_result* chdb_query_n(conn, query, len, format, len)
  final MethodHandle queryWithParamsN; // chdb_query_with_params_n(conn, q, len, f, len, ...)
  final MethodHandle streamInsertN; // chdb_insert_stream chdb_stream_insert_n(conn, q, len, f, len)
  final MethodHandle streamInsertError; // const char* chdb_stream_insert_error(stream)
  final MethodHandle streamAppend; // chdb_state chdb_stream_append(stream, data, len)
  final MethodHandle streamDone; // chdb_result* chdb_stream_done(stream)
  final MethodHandle destroyInsertStream; // void chdb_destroy_insert_stream(stream)
  final MethodHandle resultBuffer; // char* chdb_result_buffer(result)
  final MethodHandle resultLength; // size_t chdb_result_length(result)
  final MethodHandle resultError; // const char* chdb_result_error(result)
  final MethodHandle resultElapsed; // double chdb_result_elapsed(result)
  final MethodHandle resultRowsRead; // uint64_t chdb_result_rows_read(result)
  final MethodHandle resultBytesRead; // uint64_t chdb_result_bytes_read(result)
  final MethodHandle resultStorageRowsRead; // uint64_t chdb_result_storage_rows_read(result)
  final MethodHandle resultStorageBytesRead; // uint64_t chdb_result_storage_bytes_read(result)
  final MethodHandle resultRowsWritten; // uint64_t chdb_result_rows_written(result)
  final MethodHandle resultBytesWritten; // uint64_t chdb_result_bytes_written(result)
  final MethodHandle destroyResult; // void chdb_destroy_query_result(result)
  final String version;

  private ChDbLibrary(Path path) throws Throwable {
    Linker linker = Linker.nativeLinker();
    SymbolLookup lib = SymbolLookup.libraryLookup(path, Arena.global());
    Binder b = (name, desc) -> linker.downcallHandle(lib.findOrThrow(name), desc);
    connect = b.bind("chdb_connect", FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
    closeConn = b.bind("chdb_close_conn", FunctionDescriptor.ofVoid(ADDRESS));
    queryN =
        b.bind(
            "chdb_query_n",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, SIZE_T, ADDRESS, SIZE_T));
    queryWithParamsN =
        b.bind(
            "chdb_query_with_params_n",
            FunctionDescriptor.of(
                ADDRESS, ADDRESS, ADDRESS, SIZE_T, ADDRESS, SIZE_T, ADDRESS, ADDRESS, ADDRESS,
                ADDRESS, SIZE_T));
    streamInsertN =
        b.bind(
            "chdb_stream_insert_n",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, SIZE_T, ADDRESS, SIZE_T));
    streamInsertError = b.bind("chdb_stream_insert_error", FunctionDescriptor.of(ADDRESS, ADDRESS));
    streamAppend =
        b.bind("chdb_stream_append", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, SIZE_T));
    streamDone = b.bind("chdb_stream_done", FunctionDescriptor.of(ADDRESS, ADDRESS));
    destroyInsertStream = b.bind("chdb_destroy_insert_stream", FunctionDescriptor.ofVoid(ADDRESS));
    resultBuffer = b.bind("chdb_result_buffer", FunctionDescriptor.of(ADDRESS, ADDRESS));
    resultLength = b.bind("chdb_result_length", FunctionDescriptor.of(SIZE_T, ADDRESS));
    resultError = b.bind("chdb_result_error", FunctionDescriptor.of(ADDRESS, ADDRESS));
    resultElapsed = b.bind("chdb_result_elapsed", FunctionDescriptor.of(JAVA_DOUBLE, ADDRESS));
    resultRowsRead = b.bind("chdb_result_rows_read", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
    resultBytesRead = b.bind("chdb_result_bytes_read", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
    resultStorageRowsRead =
        b.bind("chdb_result_storage_rows_read", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
    resultStorageBytesRead =
        b.bind("chdb_result_storage_bytes_read", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
    resultRowsWritten =
        b.bind("chdb_result_rows_written", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
    resultBytesWritten =
        b.bind("chdb_result_bytes_written", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
    destroyResult = b.bind("chdb_destroy_query_result", FunctionDescriptor.ofVoid(ADDRESS));
    // The JVM handles SIGSEGV and friends itself (safepoints, implicit null checks): the engine
    // must not take them over, so its handlers are turned off before the first connection.
    b.bind("chdb_set_signal_handlers_enabled", FunctionDescriptor.ofVoid(JAVA_INT)).invoke(0);
    MemorySegment v =
        (MemorySegment) b.bind("chdb_version", FunctionDescriptor.of(ADDRESS)).invoke();
    version = v.reinterpret(Long.MAX_VALUE).getString(0);
  }

  /** The bound library; loads it on first use. */
  static ChDbLibrary get() {
    ChDbLibrary lib = instance;
    if (lib != null) {
      return lib;
    }
    synchronized (ChDbLibrary.class) {
      if (instance == null) {
        Path path = location();
        try {
          instance = new ChDbLibrary(path);
        } catch (Throwable e) {
          throw new IllegalStateException("libchdb: cannot load " + path + ": " + e, e);
        }
      }
      return instance;
    }
  }

  /** Where the library is: {@code LOUPE_CHDB_LIB}, else the cache install-chdb.sh fills. */
  static Path location() {
    String env = System.getenv("LOUPE_CHDB_LIB");
    Path path =
        env != null && !env.isBlank()
            ? Path.of(env)
            : Path.of(System.getProperty("user.home"), ".cache", "loupe", "chdb", "libchdb.so");
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(
          "libchdb: "
              + path
              + " not found ("
              + (env != null && !env.isBlank() ? "LOUPE_CHDB_LIB" : "default location")
              + "); run testing/clickhouse/install-chdb.sh or set LOUPE_CHDB_LIB to a libchdb.so");
    }
    return path;
  }

  /** Reads a C string the engine owns, or null for NULL. */
  static String string(MemorySegment s) {
    return s.equals(MemorySegment.NULL) ? null : s.reinterpret(Long.MAX_VALUE).getString(0);
  }

  @FunctionalInterface
  private interface Binder {
    MethodHandle bind(String name, FunctionDescriptor descriptor);
  }
}
