package dev.loupe.testing.clickhouse;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Engine connections for the HTTP requests. A connection runs one statement at a time, so each
 * request borrows one of its own; connections are kept per set of settings (applied with {@code
 * SET} when the connection opens, so a bad setting fails as the engine says) and switched to the
 * request's database with {@code USE}. A connection whose statement could change its session (SET,
 * USE) is closed after the request rather than given back, so a request never sees another's
 * session, as on a server without {@code session_id}.
 */
final class ConnectionPool implements AutoCloseable {
  private static final int IDLE_PER_SETTINGS = 8;

  private final Path dir;
  private final Map<Map<String, String>, Deque<Pooled>> idle = new HashMap<>();
  private boolean closed;

  ConnectionPool(Path dir) {
    this.dir = dir;
  }

  /** A connection with the settings, in the database; give it back with {@link #release}. */
  Pooled borrow(Map<String, String> settings, String database) {
    Pooled p;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("LocalClickHouse is closed");
      }
      Deque<Pooled> free = idle.get(settings);
      p = free == null ? null : free.pollFirst();
    }
    if (p == null) {
      p = open(settings);
    }
    if (!database.equals(p.database)) {
      try {
        p.db.query("USE " + Sql.identifier(database), "TabSeparated");
      } catch (RuntimeException e) {
        release(p, true);
        throw e;
      }
      p.database = database;
    }
    return p;
  }

  /** Keeps the connection for the next request, or closes it when it may carry session state. */
  void release(Pooled p, boolean discard) {
    synchronized (this) {
      if (!closed && !discard) {
        Deque<Pooled> free = idle.computeIfAbsent(p.settings, k -> new ArrayDeque<>());
        if (free.size() < IDLE_PER_SETTINGS) {
          free.addFirst(p);
          return;
        }
      }
    }
    p.db.close();
  }

  private Pooled open(Map<String, String> settings) {
    ChDb db = ChDb.connect(dir, Map.of());
    try {
      for (Map.Entry<String, String> s : settings.entrySet()) {
        db.query("SET " + Sql.identifier(s.getKey()) + " = " + Sql.string(s.getValue()), "TSV");
      }
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    return new Pooled(db, Map.copyOf(settings));
  }

  @Override
  public void close() {
    List<Pooled> all = new ArrayList<>();
    synchronized (this) {
      closed = true;
      idle.values().forEach(all::addAll);
      idle.clear();
    }
    all.forEach(p -> p.db.close());
  }

  /** A connection, its settings and the database it is in. */
  static final class Pooled {
    final ChDb db;
    final Map<String, String> settings;
    String database;

    Pooled(ChDb db, Map<String, String> settings) {
      this.db = db;
      this.settings = settings;
      this.database = "default";
    }
  }
}
