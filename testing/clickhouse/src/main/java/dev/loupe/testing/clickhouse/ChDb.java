package dev.loupe.testing.clickhouse;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One connection to the ClickHouse engine in this process (chDB). The engine keeps one data path
 * per process: connections to that path may be open together, and each runs one statement at a
 * time, so this class serializes its own calls; parallel work takes several connections. Settings
 * given at connect apply to this connection only, like {@code SET}.
 */
// restricted: binding and reading native memory is what this class is for (native access is
// enabled for the module: surefire argLine, jar manifest)
@SuppressWarnings("restricted")
public final class ChDb implements AutoCloseable {
  private static Path enginePath;
  private static int open;

  private final ChDbLibrary lib;
  private final MemorySegment handle; // chdb_connection*, what chdb_close_conn takes
  private final MemorySegment conn; // chdb_connection, what the statements take
  private boolean closed;

  private ChDb(ChDbLibrary lib, MemorySegment handle) {
    this.lib = lib;
    this.handle = handle;
    this.conn = handle.reinterpret(ADDRESS.byteSize()).get(ADDRESS, 0);
  }

  /**
   * Connects to the engine on {@code dataDir}, booting it on the first connection. Settings are
   * ClickHouse query-level settings ({@code max_threads} -> "4"); an unknown one fails here.
   */
  public static ChDb connect(Path dataDir, Map<String, String> settings) {
    Path path = dataDir.toAbsolutePath().normalize();
    ChDbLibrary lib = ChDbLibrary.get();
    synchronized (ChDb.class) {
      if (open > 0 && !path.equals(enginePath)) {
        throw new IllegalStateException(
            "chdb: the engine of this process runs on "
                + enginePath
                + "; close its connections before connecting to "
                + path);
      }
      List<String> args = new ArrayList<>(List.of("clickhouse", "--path=" + path));
      settings.forEach((k, v) -> args.add("--" + k + "=" + v));
      MemorySegment handle;
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment argv = arena.allocate(ADDRESS, args.size());
        for (int i = 0; i < args.size(); i++) {
          argv.setAtIndex(ADDRESS, i, arena.allocateFrom(args.get(i)));
        }
        handle = (MemorySegment) lib.connect.invokeExact(args.size(), argv);
      } catch (Throwable e) {
        throw new IllegalStateException("chdb: connect to " + path + " failed: " + e, e);
      }
      if (handle.equals(MemorySegment.NULL)) {
        throw new IllegalStateException(
            "chdb: connect to " + path + " failed (bad setting or data directory?): " + settings);
      }
      enginePath = path;
      open++;
      return new ChDb(lib, handle);
    }
  }

  /** The version of the engine, e.g. "26.7.3". */
  public static String version() {
    return ChDbLibrary.get().version;
  }

  /** Runs a statement; its output comes in {@code format} unless the SQL names a FORMAT. */
  public synchronized ChDbResult query(String sql, String format) {
    return query(sql, format, Map.of());
  }

  /**
   * Runs a statement whose {@code {name:Type}} placeholders the engine binds from {@code params}
   * (values as text, never spliced into the SQL).
   */
  public synchronized ChDbResult query(String sql, String format, Map<String, String> params) {
    ensureOpen();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment q = bytes(arena, sql.getBytes(StandardCharsets.UTF_8));
      MemorySegment f = bytes(arena, format.getBytes(StandardCharsets.UTF_8));
      MemorySegment result;
      if (params.isEmpty()) {
        result = (MemorySegment) lib.queryN.invokeExact(conn, q, q.byteSize(), f, f.byteSize());
      } else {
        int n = params.size();
        MemorySegment names = arena.allocate(ADDRESS, n);
        MemorySegment nameLens = arena.allocate(JAVA_LONG, n);
        MemorySegment values = arena.allocate(ADDRESS, n);
        MemorySegment valueLens = arena.allocate(JAVA_LONG, n);
        int i = 0;
        for (Map.Entry<String, String> p : params.entrySet()) {
          MemorySegment name = bytes(arena, p.getKey().getBytes(StandardCharsets.UTF_8));
          MemorySegment value = bytes(arena, p.getValue().getBytes(StandardCharsets.UTF_8));
          names.setAtIndex(ADDRESS, i, name);
          nameLens.setAtIndex(JAVA_LONG, i, name.byteSize());
          values.setAtIndex(ADDRESS, i, value);
          valueLens.setAtIndex(JAVA_LONG, i, value.byteSize());
          i++;
        }
        result =
            (MemorySegment)
                lib.queryWithParamsN.invokeExact(
                    conn,
                    q,
                    q.byteSize(),
                    f,
                    f.byteSize(),
                    names,
                    nameLens,
                    values,
                    valueLens,
                    (long) n);
      }
      return take(result);
    } catch (ChDbException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("chdb: query call failed: " + e, e);
    }
  }

  /**
   * Runs {@code insert} (an INSERT without FORMAT clause or data, e.g. "INSERT INTO t (a, b)") with
   * the rows read from {@code data} in {@code format}, streamed to the engine in chunks.
   */
  public synchronized ChDbResult insert(String insert, String format, InputStream data) {
    ensureOpen();
    MemorySegment stream;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment q = bytes(arena, insert.getBytes(StandardCharsets.UTF_8));
      MemorySegment f = bytes(arena, format.getBytes(StandardCharsets.UTF_8));
      stream =
          (MemorySegment) lib.streamInsertN.invokeExact(conn, q, q.byteSize(), f, f.byteSize());
    } catch (Throwable e) {
      throw new IllegalStateException("chdb: insert call failed: " + e, e);
    }
    try (Arena arena = Arena.ofConfined()) {
      failIfError((MemorySegment) lib.streamInsertError.invokeExact(stream));
      byte[] chunk = new byte[1 << 16];
      MemorySegment buffer = arena.allocate(chunk.length);
      for (int n; (n = data.read(chunk)) > 0; ) {
        MemorySegment.copy(chunk, 0, buffer, JAVA_BYTE, 0, n);
        if ((int) lib.streamAppend.invokeExact(stream, buffer, (long) n) != 0) {
          failIfError((MemorySegment) lib.streamInsertError.invokeExact(stream));
          throw new ChDbException("Code: 1002. DB::Exception: insert stream refused data");
        }
      }
      return take((MemorySegment) lib.streamDone.invokeExact(stream));
    } catch (IOException e) {
      throw new UncheckedIOException("chdb: reading the rows to insert failed", e);
    } catch (ChDbException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("chdb: insert call failed: " + e, e);
    } finally {
      try {
        lib.destroyInsertStream.invokeExact(stream);
      } catch (Throwable e) {
        throw new IllegalStateException("chdb: freeing the insert stream failed: " + e, e);
      }
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      lib.closeConn.invokeExact(handle);
    } catch (Throwable e) {
      throw new IllegalStateException("chdb: close failed: " + e, e);
    } finally {
      synchronized (ChDb.class) {
        open--;
      }
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("chdb: connection is closed");
    }
  }

  /** Copies a result out of the engine's memory and frees it; throws its error if it has one. */
  private ChDbResult take(MemorySegment result) throws Throwable {
    if (result.equals(MemorySegment.NULL)) {
      throw new ChDbException("Code: 1002. DB::Exception: chdb returned no result");
    }
    try {
      failIfError((MemorySegment) lib.resultError.invokeExact(result));
      long length = (long) lib.resultLength.invokeExact(result);
      MemorySegment buffer = (MemorySegment) lib.resultBuffer.invokeExact(result);
      byte[] data = length == 0 ? new byte[0] : buffer.reinterpret(length).toArray(JAVA_BYTE);
      return new ChDbResult(
          data,
          (long) lib.resultRowsRead.invokeExact(result),
          (long) lib.resultBytesRead.invokeExact(result),
          (long) lib.resultStorageRowsRead.invokeExact(result),
          (long) lib.resultStorageBytesRead.invokeExact(result),
          (long) lib.resultRowsWritten.invokeExact(result),
          (long) lib.resultBytesWritten.invokeExact(result),
          (double) lib.resultElapsed.invokeExact(result));
    } finally {
      lib.destroyResult.invokeExact(result);
    }
  }

  private static void failIfError(MemorySegment error) {
    String message = ChDbLibrary.string(error);
    if (message != null && !message.isEmpty()) {
      throw new ChDbException(message.strip());
    }
  }

  /** The bytes in native memory, without a terminating NUL (the API takes lengths). */
  private static MemorySegment bytes(Arena arena, byte[] b) {
    MemorySegment s = arena.allocate(Math.max(1, b.length));
    MemorySegment.copy(b, 0, s, JAVA_BYTE, 0, b.length);
    return s.asSlice(0, b.length);
  }
}
