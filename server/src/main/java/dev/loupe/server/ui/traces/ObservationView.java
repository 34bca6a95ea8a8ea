package dev.loupe.server.ui.traces;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.server.ui.Formats;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One observation's panel on the trace page. All values are display text; empty when unknown.
 *
 * @param modelHref the models page filtered to this model, empty without a model
 * @param noPrice the model has usage but no price (cost source {@code NO_PRICE})
 * @param tool a TOOL observation: its input and output are the call's arguments and result
 */
public record ObservationView(
    String id,
    String traceId,
    String type,
    String name,
    String level,
    boolean error,
    String statusMessage,
    String startTime,
    String endTime,
    String latency,
    String ttft,
    String tokensPerSecond,
    String model,
    String modelHref,
    String pricedModelId,
    List<Entry> modelParameters,
    List<Entry> usage,
    List<Entry> costs,
    String totalCost,
    boolean noPrice,
    String costSource,
    boolean tool,
    IoView input,
    IoView output,
    String metadata,
    List<Entry> mappingNotes,
    String environment,
    String release,
    String version,
    String prompt) {
  static final String NO_PRICE = "no price";

  public ObservationView {
    modelParameters = List.copyOf(modelParameters);
    usage = List.copyOf(usage);
    costs = List.copyOf(costs);
    mappingNotes = List.copyOf(mappingNotes);
  }

  /** The observation as the API's JSON: the panel's JSON view, copy buttons, download. */
  public String rawHref() {
    return TracePages.LIST
        + "/"
        + Formats.pathSegment(traceId)
        + "/observations/"
        + Formats.pathSegment(id)
        + "/raw";
  }

  /** A labelled value. */
  public record Entry(String key, String value) {}

  static ObservationView of(Observation o) {
    Double tps = o.outputTokensPerSecond();
    BigDecimal total = o.totalCost();
    String model = Formats.text(o.model());
    return new ObservationView(
        o.id(),
        o.traceId(),
        o.type().name(),
        Formats.text(o.name()),
        o.level().name(),
        o.level() == Level.ERROR,
        Formats.text(o.statusMessage()),
        Formats.preciseTime(o.startTime()),
        o.endTime() == null ? "" : Formats.preciseTime(o.endTime()),
        Formats.latency(o.latency()),
        Formats.latency(o.timeToFirstToken()),
        tps == null || o.outputTokens() == 0
            ? ""
            : String.format(Locale.ROOT, "%.1f tokens/s", tps),
        model,
        model.isEmpty() ? "" : "/ui/models?model=" + Formats.queryValue(model),
        Formats.text(o.pricedModelId()),
        requestParameters(IoView.entries(o.modelParameters())),
        entries(o.usageDetails(), String::valueOf),
        entries(o.costDetails(), Formats::cost),
        Formats.cost(total),
        o.costSource() == CostSource.NO_PRICE,
        o.costSource().name(),
        o.type() == ObservationType.TOOL,
        IoView.of(o.input(), mediaBase(o, "input")),
        IoView.of(o.output(), mediaBase(o, "output")),
        Formats.prettyJson(o.metadata()),
        entries(o.mappingNotes(), v -> v),
        o.environment(),
        Formats.text(o.release()),
        Formats.text(o.version()),
        o.promptName() == null
            ? ""
            : o.promptName() + (o.promptVersion() == null ? "" : " v" + o.promptVersion()));
  }

  /** Where the panel's inline images of {@code io} ({@code input} or {@code output}) are served. */
  static String mediaBase(Observation o, String io) {
    return TracePages.LIST
        + "/"
        + Formats.pathSegment(o.traceId())
        + "/observations/"
        + Formats.pathSegment(o.id())
        + "/media/"
        + io
        + "/";
  }

  /**
   * Fields of a response, and the request's content, that some instrumentations record among the
   * model parameters (OpenAI Agents via OpenInference records the whole Responses object); the
   * panel shows request parameters only.
   */
  private static final java.util.Set<String> NOT_PARAMETERS =
      java.util.Set.of(
          "id",
          "object",
          "created",
          "created_at",
          "completed_at",
          "status",
          "model",
          "usage",
          "output",
          "output_text",
          "choices",
          "incomplete_details",
          "error",
          "system_fingerprint",
          "input",
          "messages",
          "instructions",
          "prompt");

  /** The request parameters among {@code entries}: no response fields, no empty values. */
  static List<Entry> requestParameters(List<Entry> entries) {
    List<Entry> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      String v = e.value();
      if (NOT_PARAMETERS.contains(e.key())) continue;
      if (v.isEmpty() || v.equals("null") || v.equals("{}") || v.equals("[]")) continue;
      out.add(e);
    }
    return out;
  }

  /** Sorted by key; {@code total} last, after the parts it sums. */
  private static <V> List<Entry> entries(Map<String, V> map, Function<V, String> format) {
    List<Entry> out = new ArrayList<>(map.size());
    V total = null;
    for (Map.Entry<String, V> e : new TreeMap<>(map).entrySet()) {
      if (e.getKey().equals("total")) total = e.getValue();
      else out.add(new Entry(e.getKey(), format.apply(e.getValue())));
    }
    if (total != null) out.add(new Entry("total", format.apply(total)));
    return out;
  }
}
