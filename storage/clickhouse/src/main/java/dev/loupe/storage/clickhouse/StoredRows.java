package dev.loupe.storage.clickhouse;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The write path's read: the stored (newest live) versions of the rows a batch touches, with their
 * row versions, read with FINAL so unmerged parts never show an old version. Per project and table:
 * which of the batch's ids exist (a read of trace_keys or observation_keys by their sorting key),
 * then the rows of those, in full.
 */
final class StoredRows {
  /** A stored row and its {@code row_version}. */
  record Stored<T>(T row, long version) {}

  /** A row key: (projectId, id). */
  record Key(String projectId, String id) {}

  private static final int IDS_PER_QUERY = 2_000;

  private final Sql sql;

  StoredRows(Sql sql) {
    this.sql = sql;
  }

  Map<Key, Stored<Trace>> traces(Collection<Key> keys) {
    Map<Key, Stored<Trace>> out = new HashMap<>();
    for (var chunk : existing("trace_keys", byProject(keys))) {
      for (Stored<Trace> s :
          sql.query(
              "SELECT "
                  + TraceRows.SELECT
                  + ", row_version FROM traces FINAL"
                  + " WHERE project_id = {p:String} AND id IN {ids:Array(String)}",
              Map.of("p", chunk.projectId(), "ids", chunk.ids()),
              in -> new Stored<>(TraceRows.read(in), in.int64()))) {
        out.put(new Key(s.row().projectId(), s.row().id()), s);
      }
    }
    return out;
  }

  /**
   * The stored observations by id, wherever their trace is (an observation may move to another
   * trace): {@code observation_keys} says which ids exist and under which trace, by its sorting
   * key; then only those rows are read, by the observations table's sorting key (trace, id).
   */
  Map<Key, Stored<Observation>> observations(Collection<Key> keys) {
    Map<Key, Stored<Observation>> out = new HashMap<>();
    for (Chunk c : byProject(keys)) {
      List<String[]> found =
          sql.query(
              "SELECT id, argMax(trace_id, row_version) FROM observation_keys"
                  + " WHERE project_id = {p:String} AND id IN {ids:Array(String)} GROUP BY id",
              Map.of("p", c.projectId(), "ids", c.ids()),
              in -> new String[] {in.string(), in.string()});
      if (found.isEmpty()) continue;
      Set<String> ids = new LinkedHashSet<>(), traces = new LinkedHashSet<>();
      for (String[] f : found) {
        ids.add(f[0]);
        traces.add(f[1]);
      }
      for (Stored<Observation> s :
          sql.query(
              "SELECT "
                  + ObservationRows.SELECT
                  + ", row_version FROM observations FINAL WHERE project_id = {p:String}"
                  + " AND trace_id IN {t:Array(String)} AND id IN {ids:Array(String)}",
              Map.of("p", c.projectId(), "t", List.copyOf(traces), "ids", List.copyOf(ids)),
              in -> new Stored<>(ObservationRows.read(in), in.int64()))) {
        out.put(new Key(s.row().projectId(), s.row().id()), s);
      }
    }
    return out;
  }

  private record Chunk(String projectId, List<String> ids) {}

  /**
   * The chunks cut down to the ids that have a row at all, as {@code table} (a keys table of small
   * granules, ordered by id) says: a batch of new rows, the common case, never reads whole rows.
   * Only ids found are read in full, with FINAL.
   */
  private List<Chunk> existing(String table, List<Chunk> chunks) {
    List<Chunk> out = new ArrayList<>();
    for (Chunk c : chunks) {
      List<String> found =
          sql.query(
              "SELECT DISTINCT id FROM "
                  + table
                  + " WHERE project_id = {p:String} AND id IN {ids:Array(String)}",
              Map.of("p", c.projectId(), "ids", c.ids()),
              RowBinaryIn::string);
      if (!found.isEmpty()) out.add(new Chunk(c.projectId(), found));
    }
    return out;
  }

  private static List<Chunk> byProject(Collection<Key> keys) {
    Map<String, List<String>> ids = new LinkedHashMap<>();
    for (Key k : keys) ids.computeIfAbsent(k.projectId(), p -> new ArrayList<>()).add(k.id());
    List<Chunk> out = new ArrayList<>();
    ids.forEach(
        (p, all) -> {
          for (int i = 0; i < all.size(); i += IDS_PER_QUERY) {
            out.add(new Chunk(p, all.subList(i, Math.min(all.size(), i + IDS_PER_QUERY))));
          }
        });
    return out;
  }
}
