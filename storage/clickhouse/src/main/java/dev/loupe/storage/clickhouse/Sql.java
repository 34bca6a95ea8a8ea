package dev.loupe.storage.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import dev.loupe.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The one way this module talks to ClickHouse: statements, parameterized queries read as RowBinary,
 * and RowBinary inserts, over one client-v2 {@link Client} (HTTP, pooled connections; thread-safe).
 * Every user value is a bound parameter ({@code {name:Type}} in the SQL); only identifiers and enum
 * constants of ours are ever spliced into statement text. Failures become {@link StorageException}s
 * that name the statement.
 *
 * <p>Stores of this module (the trace store here, the score, evaluation, alert and analytics stores
 * built on the same seam) are constructed from one {@code Sql}.
 */
final class Sql implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 300;

  private final Client client;
  private final String database;

  private Sql(Client client, String database) {
    this.client = client;
    this.database = database;
  }

  /**
   * A client for {@code settings}' endpoint, user and database (the database may not exist yet).
   */
  static Sql connect(ClickHouseSettings settings) {
    Client client =
        new Client.Builder()
            .addEndpoint(settings.url())
            .setUsername(settings.user())
            .setPassword(settings.password())
            .setDefaultDatabase(settings.database())
            .build();
    return new Sql(client, settings.database());
  }

  String database() {
    return database;
  }

  /** Runs a statement without an answer (DDL, SYSTEM, ...) in the store's database. */
  void execute(String sql) {
    execute(sql, Map.of());
  }

  void execute(String sql, Map<String, Object> params) {
    closed(await(client.execute(sql, ParamText.of(params)), sql));
  }

  /** Runs a statement in the server's {@code default} database (to create the store's own). */
  void executeInDefault(String sql) {
    CommandSettings settings = new CommandSettings();
    settings.setDatabase("default");
    closed(await(client.execute(sql, settings), sql));
  }

  /** Whether the store's database exists (asked in the server's {@code default} database). */
  @SuppressWarnings("try") // QueryResponse.close() declares Exception, as the client has it
  boolean databaseExists() {
    String q = "SELECT toInt64(count()) FROM system.databases WHERE name = {db:String}";
    QuerySettings settings =
        new QuerySettings().setFormat(ClickHouseFormat.RowBinary).setDatabase("default");
    try (QueryResponse response =
        await(client.query(q, ParamText.of(Map.of("db", database())), settings), q)) {
      RowBinaryIn in = new RowBinaryIn(response.getInputStream());
      return in.hasRow() && in.int64() > 0;
    } catch (StorageException e) {
      throw e;
    } catch (Exception e) {
      throw new StorageException("ClickHouse: reading the answer of " + head(q) + " failed", e);
    }
  }

  /**
   * Runs a query and reads each row of its RowBinary answer with {@code row}, which must read
   * exactly the selected columns, in order, with their types.
   */
  @SuppressWarnings("try") // QueryResponse.close() declares Exception, as the client has it
  <T> List<T> query(String sql, Map<String, Object> params, Function<RowBinaryIn, T> row) {
    QuerySettings settings =
        new QuerySettings()
            .setFormat(ClickHouseFormat.RowBinary)
            // FINAL resolves the versions of a key within each partition: exact here, because a
            // row that moves to another partition leaves a tombstone of its old copy in the old
            // one (Writer), so no key has live versions in two partitions. ClickHouse then merges
            // partitions in parallel and reads a partition of one merged part without merging.
            .serverSetting("do_not_merge_across_partitions_select_final", "1");
    try (QueryResponse response = await(client.query(sql, ParamText.of(params), settings), sql)) {
      RowBinaryIn in = new RowBinaryIn(response.getInputStream());
      List<T> out = new ArrayList<>();
      while (in.hasRow()) out.add(row.apply(in));
      return out;
    } catch (StorageException e) {
      throw e;
    } catch (Exception e) {
      throw new StorageException("ClickHouse: reading the answer of " + head(sql) + " failed", e);
    }
  }

  /** The single Int64 / UInt64 value a query answers (e.g. a count). */
  long queryLong(String sql, Map<String, Object> params) {
    List<Long> rows = query(sql, params, RowBinaryIn::int64);
    if (rows.size() != 1) {
      throw new StorageException(head(sql) + ": expected one row, got " + rows.size(), null);
    }
    return rows.getFirst();
  }

  /**
   * Inserts {@code rows} into {@code table}'s {@code columns} as one INSERT (one block: one part,
   * all or nothing). Returns once the server has written it.
   */
  void insert(String table, List<String> columns, RowBinaryOut rows) {
    if (rows.rows() == 0) return;
    String what = "INSERT INTO " + table;
    closed(
        await(
            client.insert(
                table, columns, rows.stream(), ClickHouseFormat.RowBinary, new InsertSettings()),
            what));
  }

  private static <T> T await(CompletableFuture<T> future, String sql) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new StorageException("ClickHouse: " + head(sql) + ": " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new StorageException(
          "ClickHouse: " + head(sql) + ": no answer in " + TIMEOUT_SECONDS + " s", e, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("ClickHouse: " + head(sql) + ": interrupted", e);
    } catch (RuntimeException e) {
      throw new StorageException("ClickHouse: " + head(sql) + ": " + e.getMessage(), e);
    }
  }

  /** Releases a response whose answer holds nothing to read. */
  private static void closed(AutoCloseable response) {
    try {
      response.close();
    } catch (Exception e) {
      throw new StorageException("ClickHouse: releasing a response failed", e);
    }
  }

  /** The statement's start, for messages (never its parameters). */
  static String head(String sql) {
    String s = sql.strip().replaceAll("\\s+", " ");
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  @Override
  public void close() {
    client.close();
  }
}
