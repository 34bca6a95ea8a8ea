package dev.loupe.storage.duckdb;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Keeps {@code trace_rollups} exact, one row per trace key that has a trace row or observations,
 * inside the writer's transaction. {@link GroupWriter} calls {@link #write} once per group, after
 * the merge and before the group's rows are deleted and appended (the stored rows are still the old
 * versions then). A trace that only gains observations adds them to its rollup; a trace that loses
 * one (a replaced version, or one moved to another trace by a later write) has its observation part
 * counted again from its stored rows, less the replaced ones, plus the group's new versions.
 * Recently written rollups stay in memory, so a running trace's rollup is not read back for every
 * group. Owned by the writer thread.
 */
final class TraceRollups {
  private static final int CACHED = 16_384;
  private static final String STORED = RollupRows.SELECT + " WHERE r.key = ANY(?::BIGINT[])";
  private static final String DELETE =
      "DELETE FROM trace_rollups WHERE "
          + SeqRanges.sql("seq", SeqRanges.SLOTS)
          + " AND key = ANY(?::BIGINT[])";
  private static final String RECOUNT =
      RollupRows.recount(
          "WHERE "
              + SeqRanges.sql("o.seq", SeqRanges.SLOTS)
              + " AND o.trace_key = ANY(?::BIGINT[]) AND NOT (o.key = ANY(?::BIGINT[]))");

  private final Session session;
  private final Map<RowKey, Rollup> cache =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RowKey, Rollup> eldest) {
          return size() > CACHED;
        }
      };
  private @Nullable KeyFilter keys;
  private @Nullable TableLoad load;
  private long lastSeq = Long.MIN_VALUE;

  TraceRollups(Session session) {
    this.session = session;
  }

  /**
   * Opens the rollups' load and reads their key filter, outside of any transaction: a table
   * function registered inside one is gone when that transaction rolls back, and every later group
   * would fail to find it.
   */
  void prepare() throws SQLException {
    if (keys == null) keys = Startup.keyFilter(session.connection(), "trace_rollups");
    if (load == null) load = TableLoad.open(session.connection(), "trace_rollups");
  }

  /**
   * Updates the rollups of every trace the group changes ({@link #prepare} first).
   *
   * @param seq the group's seq
   * @param traces the group's changed trace rows, merged
   * @param observations the group's changed observations, merged
   * @param stored the stored versions the group read (those of changed observations are replaced)
   */
  void write(
      long seq,
      Map<RowKey, Trace> traces,
      Map<RowKey, Observation> observations,
      Map<RowKey, Stored<Observation>> stored)
      throws SQLException {
    // a seq not past the last one: the group that wrote it rolled back, and the cache with it
    if (seq <= lastSeq) cache.clear();
    lastSeq = seq;
    if (keys == null || load == null) throw new IllegalStateException("rollups not prepared");

    Map<RowKey, Rollup> touched = new LinkedHashMap<>();
    Set<RowKey> recount = new LinkedHashSet<>();
    for (RowKey k : traces.keySet()) touched.put(k, null);
    // a trace's observations come one after another: hash its id and look it up once
    RowKey trace = null;
    for (Map.Entry<RowKey, Observation> e : observations.entrySet()) {
      Observation o = e.getValue();
      RowKey before = trace;
      trace = RowKey.of(o.projectId(), o.traceId(), trace);
      if (trace != before) touched.put(trace, null);
      Stored<Observation> old = stored.get(e.getKey());
      if (old != null) recount.add(RowKey.traceOf(old.row()));
    }
    recount.forEach(k -> touched.put(k, null));
    load(touched);

    for (RowKey k : recount) touched.get(k).clearObservations();
    recount(recount, observations.keySet(), touched);
    traces.forEach((k, t) -> touched.get(k).setTrace(t, seq));
    trace = null;
    Rollup rollup = null;
    for (Observation o : observations.values()) {
      RowKey before = trace;
      trace = RowKey.of(o.projectId(), o.traceId(), trace);
      if (trace != before) rollup = touched.get(trace);
      rollup.add(o);
    }

    delete(touched);
    try {
      for (Rollup r : touched.values()) RollupRows.add(load, seq, r);
    } catch (RuntimeException e) {
      load.clear(); // the group rolls back: its rows must not go in with the next one
      throw e;
    }
    load.insert(session);
    for (Rollup r : touched.values()) {
      r.storedSeq = seq;
      keys.add(r.trace.key());
      cache.put(r.trace, r);
    }
  }

  /** Fills in each key's rollup: cached, stored, or new. */
  private void load(Map<RowKey, @Nullable Rollup> touched) throws SQLException {
    Set<Long> unknown = new HashSet<>();
    for (Map.Entry<RowKey, @Nullable Rollup> e : touched.entrySet()) {
      Rollup cached = cache.get(e.getKey());
      if (cached != null) e.setValue(cached);
      else if (keys.mightContain(e.getKey().key())) unknown.add(e.getKey().key());
    }
    if (!unknown.isEmpty()) {
      PreparedStatement ps = session.statement(STORED);
      ps.setArray(1, session.longs(unknown));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Rollup r = RollupRows.decode(rs);
          if (touched.containsKey(r.trace)) touched.put(r.trace, r);
        }
      }
    }
    touched.replaceAll((k, r) -> r == null ? new Rollup(k) : r);
  }

  /**
   * Adds to each rollup of {@code traces} the observation part of its stored rows, less the rows
   * the group replaces ({@code replaced}); the group's new versions are added after.
   */
  private void recount(Set<RowKey> traces, Set<RowKey> replaced, Map<RowKey, Rollup> touched)
      throws SQLException {
    if (traces.isEmpty()) return;
    Set<Long> traceKeys = new HashSet<>();
    traces.forEach(k -> traceKeys.add(k.key()));
    Set<Long> seqs = new HashSet<>();
    TraceWrites.seqs(session, traceKeys).values().forEach(seqs::addAll);
    if (seqs.isEmpty()) return;
    Set<Long> replacedKeys = new HashSet<>();
    replaced.forEach(k -> replacedKeys.add(k.key()));
    Map<Long, Rollup> byKey = new HashMap<>();
    traces.forEach(k -> byKey.put(k.key(), touched.get(k)));
    PreparedStatement ps = session.statement(RECOUNT);
    int at = SeqRanges.of(seqs, SeqRanges.SLOTS).bind(ps, 1);
    ps.setArray(at, session.longs(traceKeys));
    ps.setArray(at + 1, session.longs(replacedKeys));
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) RollupRows.addObservationPart(byKey.get(rs.getLong(1)), rs, 2);
    }
  }

  /** Deletes the stored versions of the touched rollups, checking that each was there. */
  private void delete(Map<RowKey, Rollup> touched) throws SQLException {
    Set<Long> seqs = new HashSet<>(), keys = new HashSet<>();
    for (Rollup r : touched.values()) {
      if (r.storedSeq == 0) continue;
      seqs.add(r.storedSeq);
      keys.add(r.trace.key());
    }
    if (keys.isEmpty()) return;
    PreparedStatement ps = session.statement(DELETE);
    ps.setArray(SeqRanges.of(seqs, SeqRanges.SLOTS).bind(ps, 1), session.longs(keys));
    int deleted = ps.executeUpdate();
    if (deleted != keys.size()) {
      throw new SQLException(
          "expected to delete " + keys.size() + " trace rollups, deleted " + deleted);
    }
  }
}
