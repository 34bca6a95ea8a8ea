package dev.loupe.server.ui;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Nests a trace's observations by {@code parentObservationId}. An observation whose parent is not
 * in the trace is shown as a root, so nothing stored is hidden.
 */
final class TraceTree {
  private TraceTree() {}

  /** Roots in the given (start-time) order, each with its subtree. */
  static List<TreeNode> build(List<Observation> observations) {
    Map<String, Observation> byId = new LinkedHashMap<>();
    for (Observation o : observations) byId.put(o.id(), o);
    Map<String, List<Observation>> children = new LinkedHashMap<>();
    List<Observation> roots = new ArrayList<>();
    for (Observation o : observations) {
      String parent = o.parentObservationId();
      if (parent == null || parent.equals(o.id()) || !byId.containsKey(parent)) roots.add(o);
      else children.computeIfAbsent(parent, k -> new ArrayList<>()).add(o);
    }
    Set<String> placed = new HashSet<>();
    List<TreeNode> out = new ArrayList<>();
    for (Observation root : roots) out.add(node(root, children, placed));
    // A parent cycle has no root: show each unplaced member at the top level.
    for (Observation o : observations)
      if (!placed.contains(o.id())) out.add(node(o, children, placed));
    return out;
  }

  private static TreeNode node(
      Observation o, Map<String, List<Observation>> children, Set<String> placed) {
    placed.add(o.id());
    List<TreeNode> kids = new ArrayList<>();
    for (Observation c : children.getOrDefault(o.id(), List.of())) {
      if (!placed.contains(c.id())) kids.add(node(c, children, placed));
    }
    return new TreeNode(view(o), kids);
  }

  static ObservationView view(Observation o) {
    BigDecimal total = o.totalCost();
    boolean noPrice = o.costSource() == CostSource.NO_PRICE;
    return new ObservationView(
        o.id(),
        o.type().name(),
        Formats.text(o.name()),
        o.level().name(),
        o.level() == Level.ERROR,
        Formats.latency(o.latency()),
        Formats.text(o.model()),
        o.usageDetails().isEmpty() ? "" : o.inputTokens() + " / " + o.outputTokens(),
        Formats.cost(total),
        noPrice ? "no price" : "",
        Formats.text(o.statusMessage()),
        Formats.prettyJson(o.input()),
        Formats.prettyJson(o.output()),
        entries(new TreeMap<>(o.usageDetails()), String::valueOf),
        entries(new TreeMap<>(o.costDetails()), Formats::cost),
        entries(new TreeMap<>(o.mappingNotes()), v -> v));
  }

  private static <V> List<ObservationView.Entry> entries(
      Map<String, V> map, java.util.function.Function<V, String> format) {
    List<ObservationView.Entry> out = new ArrayList<>(map.size());
    map.forEach((k, v) -> out.add(new ObservationView.Entry(k, format.apply(v))));
    return out;
  }
}
