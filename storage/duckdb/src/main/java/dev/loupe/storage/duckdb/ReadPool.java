package dev.loupe.storage.duckdb;

import dev.loupe.storage.StorageException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.duckdb.DuckDBConnection;

/**
 * The connections besides the writer's: duplicates of the database connection, each used by one
 * caller at a time, in autocommit so every query reads the latest committed data. Reads never wait
 * for the writer's transaction; the small project and key writes run here too, in their own short
 * transactions on other tables.
 */
final class ReadPool implements AutoCloseable {
  private final BlockingQueue<Session> idle;
  private final List<Session> all = new ArrayList<>();
  private volatile boolean closed;

  ReadPool(DuckDBConnection database, int size) throws SQLException {
    idle = new ArrayBlockingQueue<>(size);
    for (int i = 0; i < size; i++) {
      DuckDBConnection c = Database.duplicate(database);
      Session s = new Session(c);
      all.add(s);
      idle.add(s);
    }
  }

  /** Work done with one session. */
  interface Read<T> {
    T apply(Session s) throws SQLException;
  }

  <T> T read(String what, Read<T> read) {
    if (closed) throw new StorageException("storage is closed", null);
    Session s;
    try {
      s = idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while waiting for a read connection", e);
    }
    try {
      if (closed) throw new StorageException("storage is closed", null);
      return read.apply(s);
    } catch (SQLException e) {
      throw new StorageException(what + " failed: " + e.getMessage(), e);
    } finally {
      idle.add(s);
    }
  }

  /** Connections in the pool. */
  int size() {
    return all.size();
  }

  /** Connections not in use now. */
  int idle() {
    return idle.size();
  }

  /** Runs {@code sql} once on each connection (waits until all are idle). */
  void each(String sql) {
    List<Session> taken = new ArrayList<>();
    try {
      for (int i = 0; i < all.size(); i++) taken.add(idle.take());
      for (Session s : taken) s.execute(sql);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while waiting for the read connections", e);
    } catch (SQLException e) {
      throw new StorageException(sql + " failed: " + e.getMessage(), e);
    } finally {
      idle.addAll(taken);
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Session s : all) {
      try {
        idle.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    all.forEach(Session::close);
  }
}
