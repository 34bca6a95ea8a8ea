package dev.loupe.storage.clickhouse;

import dev.loupe.storage.StorageException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the store's database to the newest schema this code knows, once, under a lock; refuses a
 * database whose schema is newer than the code.
 *
 * <p>Applied steps are rows of {@code schema_migrations} (version, name, when, which node). The
 * lock is {@code schema_lock}: a node that has steps to apply inserts a claim (server time), and
 * the earliest claim of the last {@link #CLAIM_TTL_SECONDS} seconds not yet released holds the
 * lock; the holder checks again after a grace period before it applies anything. ClickHouse has no
 * transactions and no locks, so this is advisory: it keeps nodes that start together against one
 * server from all running the same DDL, and it is not mutual exclusion under replication lag. What
 * makes a second run harmless is that every step is idempotent ({@link Migration}).
 *
 * <p>The node whose {@code CREATE DATABASE} made the database (of nodes that start together and all
 * find none, only one succeeds) claims right after the lock table exists and skips the grace: the
 * others claim only after that table exists and a few more statements, so theirs are later (one
 * stamped earlier and already visible makes the creator wait as any node would). A fresh database
 * (every test's, a new deployment's) thus migrates without the wait; the nodes that lost the race
 * wait for the creator's steps. (Before 2026-12-07 every node that found no database skipped the
 * grace, and nodes starting together under load could all apply the steps.)
 */
final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);
  static final int CLAIM_TTL_SECONDS = 600;
  private static final long GRACE_MILLIS = 200;
  private static final long WAIT_MILLIS = 900_000;

  private final Sql sql;
  private final List<Migration> known;
  private final String node =
      ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

  Migrations(Sql sql, List<Migration> known) {
    this.sql = sql;
    this.known = List.copyOf(known);
  }

  /** Creates the database when missing and applies the steps it lacks. */
  void apply() {
    boolean created = createDatabase();
    sql.execute(
        "CREATE TABLE IF NOT EXISTS schema_lock (claim String, node String,"
            + " claimed_at DateTime64(3, 'UTC'), released UInt8)"
            + " ENGINE = MergeTree ORDER BY claimed_at"
            + " TTL toDateTime(claimed_at) + INTERVAL 1 DAY");
    // the creator claims before anything else (see the class comment)
    String claim = created ? claim() : null;
    try {
      sql.execute(
          "CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, name String,"
              + " applied_at DateTime64(3, 'UTC'), node String)"
              + " ENGINE = MergeTree ORDER BY version");
      refuseNewer();
      if (pending().isEmpty()) return;
      if (claim == null) claim = claim();
      awaitLock(claim, created);
      refuseNewer();
      for (Migration m : pending()) run(m);
    } finally {
      if (claim != null) {
        sql.execute(
            "INSERT INTO schema_lock SELECT {claim:String}, {node:String}, now64(3), 1",
            Map.of("claim", claim, "node", node));
      }
    }
  }

  /**
   * Creates the database unless it exists; true only for the one node whose {@code CREATE} made it
   * (nodes that start together all find none, and only one {@code CREATE DATABASE} succeeds).
   */
  private boolean createDatabase() {
    if (sql.databaseExists()) return false;
    try {
      sql.executeInDefault("CREATE DATABASE `" + sql.database() + "`");
      return true;
    } catch (RuntimeException e) { // DATABASE_ALREADY_EXISTS, as the client reports it
      if (sql.databaseExists()) return false; // another node created it meanwhile
      throw e;
    }
  }

  private String claim() {
    String claim = UUID.randomUUID().toString();
    sql.execute(
        "INSERT INTO schema_lock SELECT {claim:String}, {node:String}, now64(3), 0",
        Map.of("claim", claim, "node", node));
    return claim;
  }

  /** The applied versions. */
  Set<Integer> applied() {
    return new TreeSet<>(
        sql.query("SELECT toInt32(version) FROM schema_migrations", Map.of(), RowBinaryIn::int32));
  }

  private List<Migration> pending() {
    Set<Integer> applied = applied();
    return known.stream().filter(m -> !applied.contains(m.version())).toList();
  }

  /** A database that holds a step this code does not know was migrated by a newer Loupe. */
  private void refuseNewer() {
    Set<Integer> knownVersions = known.stream().map(Migration::version).collect(Collectors.toSet());
    Set<Integer> unknown = new TreeSet<>(applied());
    unknown.removeAll(knownVersions);
    if (!unknown.isEmpty()) {
      int newest = known.isEmpty() ? 0 : known.getLast().version();
      throw new StorageException(
          "ClickHouse database '"
              + sql.database()
              + "' has schema steps "
              + unknown
              + " that this Loupe does not know (it knows up to "
              + newest
              + "): the schema is newer than this node. Run the Loupe version that migrated it"
              + " (or a newer one); a node never downgrades a schema.",
          null);
    }
  }

  private void awaitLock(String claim, boolean created) {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    boolean graced = created;
    while (true) {
      String holder = holder();
      if (claim.equals(holder)) {
        if (graced) return;
        sleep(GRACE_MILLIS); // a claim stamped earlier may still be committing: look once more
        graced = true;
        continue;
      }
      graced = false;
      if (System.currentTimeMillis() > deadline) {
        throw new StorageException(
            "ClickHouse: schema migration lock held by another node for over "
                + WAIT_MILLIS / 1000
                + " s (claim "
                + holder
                + " in "
                + sql.database()
                + ".schema_lock)",
            null);
      }
      sleep(250);
    }
  }

  private String holder() {
    List<String> rows =
        sql.query(
            "SELECT claim FROM schema_lock WHERE claimed_at > now64(3) - INTERVAL "
                + CLAIM_TTL_SECONDS
                + " SECOND GROUP BY claim HAVING max(released) = 0"
                + " ORDER BY min(claimed_at), claim LIMIT 1",
            Map.of(),
            RowBinaryIn::string);
    return rows.isEmpty() ? "" : rows.getFirst();
  }

  private void run(Migration m) {
    long start = System.nanoTime();
    for (String statement : m.statements()) sql.execute(statement);
    sql.execute(
        "INSERT INTO schema_migrations SELECT {v:UInt32}, {name:String}, now64(3), {node:String}",
        Map.of("v", m.version(), "name", m.name(), "node", node));
    log.info(
        "ClickHouse {}: schema step {} applied in {} ms",
        sql.database(),
        m,
        (System.nanoTime() - start) / 1_000_000);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("ClickHouse: interrupted waiting for the migration lock", e);
    }
  }
}
