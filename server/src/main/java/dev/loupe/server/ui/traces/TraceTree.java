package dev.loupe.server.ui.traces;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.loupe.model.CostSource;
import dev.loupe.model.Json;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.Times;
import dev.loupe.server.ui.Formats;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace's observations nested by {@code parentObservationId} and flattened in depth-first order,
 * so that every subtree is one contiguous run of rows. An observation whose parent is not in the
 * trace is shown as a root, so nothing stored is hidden; members of a parent cycle become roots
 * too. The walk is iterative: a 10,000-deep chain does not overflow the stack.
 *
 * <p>The page script draws the tree and the timeline from {@link #json()}: one JSON array per row,
 * with the columns listed in {@link Row}.
 */
final class TraceTree {
  /** Row flag: the observation's level is ERROR. */
  static final int ERROR = 1;

  /** Row flag: a descendant's level is ERROR (a collapsed parent shows it). */
  static final int ERROR_BELOW = 2;

  /** Row flag: the observation or a descendant has a model but no price. */
  static final int UNPRICED = 4;

  /** Row flag: the observation names a parent that is not in the trace (not arrived yet). */
  static final int MISSING_PARENT = 8;

  private final List<Row> rows;
  private final long spanMicros;
  private final int orphans;

  private TraceTree(List<Row> rows, long spanMicros, int orphans) {
    this.rows = rows;
    this.spanMicros = spanMicros;
    this.orphans = orphans;
  }

  /** How many observations name a parent that is not in the trace (shown as roots). */
  int orphans() {
    return orphans;
  }

  /**
   * One row of the drawn tree; also its JSON columns, in this order ({@link #json()}).
   *
   * @param parent index of the parent row, -1 for a root
   * @param end index one past the last row of this subtree
   * @param startMicros start, from the trace's first start
   * @param durationMicros end − start; -1 while the observation has no end
   * @param ttftMicros completion start − start; -1 when unknown
   * @param inputTokens input-side units, -1 without usage
   * @param outputTokens output-side units, -1 without usage
   * @param cost own cost on a leaf ({@code no price} when unpriced), subtree cost on a parent,
   *     short ({@link Formats#money})
   * @param flags {@link #ERROR}, {@link #ERROR_BELOW}, {@link #UNPRICED}, {@link #MISSING_PARENT}
   * @param exactCost {@code cost} to the last digit, for its hover text; empty without a cost (a
   *     16th JSON column only when it differs from {@code cost})
   */
  record Row(
      String id,
      int parent,
      int depth,
      int end,
      String type,
      String name,
      String level,
      long startMicros,
      long durationMicros,
      long ttftMicros,
      String model,
      long inputTokens,
      long outputTokens,
      String cost,
      int flags,
      String exactCost) {}

  static TraceTree build(List<Observation> observations) {
    int n = observations.size();
    Map<String, Integer> index = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) index.putIfAbsent(observations.get(i).id(), i);
    List<List<Integer>> children = new ArrayList<>(n);
    for (int i = 0; i < n; i++) children.add(List.of());
    List<Integer> roots = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Integer p = parentIndex(observations.get(i), index);
      if (p == null || p == i) {
        roots.add(i);
      } else {
        if (children.get(p).isEmpty()) children.set(p, new ArrayList<>());
        children.get(p).add(i);
      }
    }
    int[] order = new int[n];
    int[] depth = new int[n];
    int[] parentRow = new int[n];
    boolean[] placed = new boolean[n];
    int count = 0;
    for (int r : roots) count = walk(r, children, placed, order, depth, parentRow, count);
    // A parent cycle has no root: each member not yet placed starts its own walk.
    for (int i = 0; i < n; i++)
      if (!placed[i]) count = walk(i, children, placed, order, depth, parentRow, count);
    int orphans = 0;
    List<Row> rows = rows(observations, order, depth, parentRow);
    for (int r = 0; r < n; r++) {
      Observation o = observations.get(order[r]);
      if (o.parentObservationId() != null && !index.containsKey(o.parentObservationId())) {
        orphans++;
        Row row = rows.get(r);
        rows.set(
            r,
            new Row(
                row.id(),
                row.parent(),
                row.depth(),
                row.end(),
                row.type(),
                row.name(),
                row.level(),
                row.startMicros(),
                row.durationMicros(),
                row.ttftMicros(),
                row.model(),
                row.inputTokens(),
                row.outputTokens(),
                row.cost(),
                row.flags() | MISSING_PARENT,
                row.exactCost()));
      }
    }
    return new TraceTree(rows, span(observations), orphans);
  }

  private static Integer parentIndex(Observation o, Map<String, Integer> index) {
    String parent = o.parentObservationId();
    return parent == null ? null : index.get(parent);
  }

  /** Depth-first pre-order from {@code root}; returns the new row count. */
  private static int walk(
      int root,
      List<List<Integer>> children,
      boolean[] placed,
      int[] order,
      int[] depth,
      int[] parentRow,
      int count) {
    Deque<int[]> stack = new ArrayDeque<>(); // {observation, depth, parent row}
    stack.push(new int[] {root, 0, -1});
    placed[root] = true;
    while (!stack.isEmpty()) {
      int[] top = stack.pop();
      int row = count++;
      order[row] = top[0];
      depth[row] = top[1];
      parentRow[row] = top[2];
      List<Integer> kids = children.get(top[0]);
      for (int k = kids.size() - 1; k >= 0; k--) {
        int c = kids.get(k);
        if (placed[c]) continue;
        placed[c] = true;
        stack.push(new int[] {c, top[1] + 1, row});
      }
    }
    return count;
  }

  private static List<Row> rows(
      List<Observation> observations, int[] order, int[] depth, int[] parentRow) {
    int n = order.length;
    Instant start = traceStart(observations);
    int[] end = new int[n];
    int[] flags = new int[n];
    BigDecimal[] subtreeCost = new BigDecimal[n];
    for (int r = 0; r < n; r++) {
      end[r] = r + 1;
      Observation o = observations.get(order[r]);
      subtreeCost[r] = o.countsInTotals() ? o.totalCost() : null; // else its children carry it
      if (o.level() == Level.ERROR) flags[r] |= ERROR;
      if (o.costSource() == CostSource.NO_PRICE) flags[r] |= UNPRICED;
    }
    // Children follow their parent: a reverse pass folds each subtree into its parent.
    for (int r = n - 1; r >= 0; r--) {
      int p = parentRow[r];
      if (p < 0) continue;
      end[p] = Math.max(end[p], end[r]);
      if ((flags[r] & (ERROR | ERROR_BELOW)) != 0) flags[p] |= ERROR_BELOW;
      flags[p] |= flags[r] & UNPRICED;
      if (subtreeCost[r] != null)
        subtreeCost[p] =
            subtreeCost[p] == null ? subtreeCost[r] : subtreeCost[p].add(subtreeCost[r]);
    }
    List<Row> out = new ArrayList<>(n);
    for (int r = 0; r < n; r++) {
      Observation o = observations.get(order[r]);
      boolean leaf = end[r] == r + 1;
      boolean noPrice = leaf && o.costSource() == CostSource.NO_PRICE;
      String cost = noPrice ? ObservationView.NO_PRICE : Formats.money(subtreeCost[r]);
      String exact = noPrice ? "" : Formats.cost(subtreeCost[r]);
      out.add(
          new Row(
              o.id(),
              parentRow[r],
              depth[r],
              end[r],
              o.type().name(),
              Formats.text(o.name()),
              o.level().name(),
              micros(Duration.between(start, o.startTime())),
              o.latency() == null ? -1 : micros(o.latency()),
              o.timeToFirstToken() == null ? -1 : micros(o.timeToFirstToken()),
              Formats.text(o.model()),
              o.usageDetails().isEmpty() ? -1 : o.inputTokens(),
              o.usageDetails().isEmpty() ? -1 : o.outputTokens(),
              cost,
              flags[r],
              exact));
    }
    return out;
  }

  private static Instant traceStart(List<Observation> observations) {
    Instant start = null;
    for (Observation o : observations)
      if (start == null || o.startTime().isBefore(start)) start = o.startTime();
    return start == null ? Instant.EPOCH : start;
  }

  /** First start to last end (or start), at least 1 µs so that the axis has a length. */
  private static long span(List<Observation> observations) {
    Duration d = dev.loupe.storage.TraceDetail.latency(observations);
    return d == null ? 1 : Math.max(1, micros(d));
  }

  private static long micros(Duration d) {
    return Times.toMicros(d);
  }

  /** The time axis length: first start to last end, in microseconds. */
  long spanMicros() {
    return spanMicros;
  }

  /**
   * The tree as one JSON object: {@code strings}, a table of the type, level and model names, and
   * {@code rows}, one array per row with the columns of {@link Row}, where type, level and model
   * are indexes into {@code strings} and tokens are two numbers (input, output; -1 without usage).
   * The table keeps a 10,000-row trace near 120 bytes a row.
   */
  String json() {
    Map<String, Integer> strings = new LinkedHashMap<>();
    strings.put("", 0);
    StringWriter out = new StringWriter(rows.size() * 100 + 256);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("rows");
      for (Row r : rows) {
        g.writeStartArray();
        g.writeString(r.id());
        g.writeNumber(r.parent());
        g.writeNumber(r.depth());
        g.writeNumber(r.end());
        g.writeNumber(index(strings, r.type()));
        g.writeString(r.name());
        g.writeNumber(index(strings, r.level()));
        g.writeNumber(r.startMicros());
        g.writeNumber(r.durationMicros());
        g.writeNumber(r.ttftMicros());
        g.writeNumber(index(strings, r.model()));
        g.writeNumber(r.inputTokens());
        g.writeNumber(r.outputTokens());
        g.writeString(r.cost());
        g.writeNumber(r.flags());
        // only when it says more than the short text: most rows keep 15 columns
        if (!r.exactCost().isEmpty() && !r.exactCost().equals(r.cost()))
          g.writeString(r.exactCost());
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("strings");
      for (String str : strings.keySet()) g.writeString(str);
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static int index(Map<String, Integer> strings, String s) {
    Integer i = strings.get(s);
    if (i != null) return i;
    strings.put(s, strings.size());
    return strings.size() - 1;
  }
}
