package dev.loupe.storage.duckdb;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reclaims the payload log's dead records: those of rows replaced by a merge (the new version has a
 * record of its own) or deleted. One {@link #step} picks the closed segment with the smallest share
 * of live bytes, at most {@code maxLiveShare}; copies its live records to the end of the log;
 * points the rows at the copies ({@code payload_at}) in one transaction, committed after the copies
 * are forced to disk; and {@linkplain PayloadLog#retire retires} the segment, whose file is deleted
 * once no read begun before the commit can still need it. Runs on the writer thread between write
 * groups ({@link GroupCommitter} says when).
 *
 * <p>A crash at any point loses nothing: before the commit the rows still reference the old segment
 * (the copies are unreferenced bytes, reclaimed with their own segment later); after it, the old
 * segment is referenced by no row, so the next step finds it with no live bytes and retires it
 * without copying.
 */
final class PayloadCompaction {
  private static final String[] TABLES = {"observations", "traces"};

  private final Session session;
  private final PayloadLog payloads;

  /** Segments a step failed on (e.g. a corrupt record): not tried again until restart. */
  private final java.util.Set<Integer> failed = new java.util.HashSet<>();

  PayloadCompaction(Session session, PayloadLog payloads) {
    this.session = session;
    this.payloads = payloads;
  }

  /**
   * What one step did: the segment retired (0 when none qualified), its size in bytes and the live
   * bytes copied out of it.
   */
  record Step(int segment, long segmentBytes, long copiedBytes, int copiedRecords) {
    static final Step NONE = new Step(0, 0, 0, 0);
  }

  /**
   * Compacts the closed segment with the smallest live share if that share is at most {@code
   * maxLiveShare} (0..1).
   *
   * @throws SQLException when the rows cannot be updated; then nothing changed but unreferenced
   *     copies at the end of the log, and the segment is not tried again until restart
   * @throws IllegalStateException when a live record of the segment is corrupt (likewise)
   */
  Step step(double maxLiveShare) throws SQLException, IOException {
    Map<Integer, Long> sizes = payloads.closedSegments();
    if (sizes.isEmpty()) return Step.NONE;
    Map<Integer, Long> live = liveBytes();
    int best = 0;
    double bestShare = Double.MAX_VALUE;
    for (Map.Entry<Integer, Long> e : sizes.entrySet()) {
      if (failed.contains(e.getKey())) continue;
      double share = live.getOrDefault(e.getKey(), 0L) / (double) Math.max(1, e.getValue());
      if (share <= maxLiveShare && share < bestShare) {
        best = e.getKey();
        bestShare = share;
      }
    }
    if (best == 0) return Step.NONE;
    if (live.getOrDefault(best, 0L) == 0) {
      payloads.retire(best);
      return new Step(best, sizes.get(best), 0, 0);
    }
    session.execute("BEGIN TRANSACTION");
    try {
      Step step = move(best, sizes.get(best));
      session.execute("COMMIT");
      payloads.retire(best);
      return step;
    } catch (SQLException | IOException | RuntimeException e) {
      failed.add(best); // else each retry would append the same copies again
      try {
        session.execute("ROLLBACK");
      } catch (SQLException r) {
        e.addSuppressed(r);
      }
      throw e;
    }
  }

  /** Deletes the segments retired {@link GroupCommitter#RETIRED_GRACE} ago or longer. */
  void deleteRetired() throws IOException {
    payloads.deleteRetired(GroupCommitter.RETIRED_GRACE);
  }

  /** Live bytes (records with their headers) per segment, over both tables. */
  Map<Integer, Long> liveBytes() throws SQLException {
    Map<Integer, Long> out = new HashMap<>();
    for (String table : TABLES) {
      try (ResultSet rs =
          session
              .statement(
                  "SELECT payload_at >> 32, sum(payload_len + "
                      + SegmentFile.HEADER
                      + ") FROM "
                      + table
                      + " WHERE payload_at IS NOT NULL GROUP BY 1")
              .executeQuery()) {
        while (rs.next()) out.merge(rs.getInt(1), rs.getLong(2), Long::sum);
      }
    }
    return out;
  }

  private Step move(int segment, long segmentBytes) throws SQLException, IOException {
    long from = (long) segment << 32, to = from | 0xFFFF_FFFFL;
    Map<Long, Long> moved = new LinkedHashMap<>();
    Map<String, Integer> rows = new HashMap<>();
    long copied = 0;
    for (String table : TABLES) {
      PreparedStatement ps =
          session.statement(
              "SELECT payload_at, payload_len FROM "
                  + table
                  + " WHERE payload_at BETWEEN ? AND ? ORDER BY payload_at");
      ps.setLong(1, from);
      ps.setLong(2, to);
      int n = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          n++;
          long at = rs.getLong(1);
          if (moved.containsKey(at)) continue;
          PayloadRef ref = PayloadRef.of(at, rs.getInt(2));
          moved.put(at, payloads.append(payloads.read(ref)).position());
          copied += SegmentFile.HEADER + ref.length();
        }
      }
      rows.put(table, n);
    }
    payloads.sync();
    List<Long> olds = new ArrayList<>(moved.keySet()), news = new ArrayList<>(moved.values());
    for (String table : TABLES) {
      PreparedStatement ps =
          session.statement(
              "UPDATE "
                  + table
                  + " SET payload_at = m.new_at FROM (SELECT unnest(?::BIGINT[]) AS old_at,"
                  + " unnest(?::BIGINT[]) AS new_at) m WHERE "
                  + table
                  + ".payload_at BETWEEN ? AND ? AND "
                  + table
                  + ".payload_at = m.old_at");
      ps.setArray(1, session.longs(olds));
      ps.setArray(2, session.longs(news));
      ps.setLong(3, from);
      ps.setLong(4, to);
      int updated = ps.executeUpdate();
      if (updated != rows.get(table)) {
        throw new SQLException(
            "expected to move " + rows.get(table) + " payloads of " + table + ", moved " + updated);
      }
    }
    return new Step(segment, segmentBytes, copied, moved.size());
  }
}
