package dev.loupe.query.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.loupe.model.Observation;
import dev.loupe.storage.Page;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Observations in the Langfuse public API shape ({@code APIObservation}): payloads as JSON values,
 * times in ISO-8601 UTC, latency and time to first token in seconds, costs as exact decimals
 * ({@code calculatedInputCost} and {@code calculatedOutputCost} are {@code Observation.inputCost()}
 * and {@code outputCost()}), {@code modelId} the id of the price that priced it, plus the legacy
 * {@code usage} block and Loupe's {@code streamingLatency} (seconds), {@code
 * outputTokensPerSecond}, {@code costSource}, {@code usageScope} and {@code mappingNotes}. {@code
 * usageDetails.total} is the client's total, else the sum of the entries (as Langfuse fills it).
 * {@code usageScope} is {@code DESCENDANTS} for an observation whose usage is the total of its
 * descendants' model calls (e.g. Vercel AI SDK {@code ai.generateText}, OTel GenAI {@code
 * invoke_agent}): its usage is shown as reported but it is not priced and no total adds it; its
 * {@code usageScope} mapping note says which rule decided so.
 */
public final class ObservationJson {
  private ObservationJson() {}

  public static byte[] one(Observation o) {
    return JsonOut.bytes(g -> write(g, o));
  }

  public static byte[] page(Page<Observation> page) {
    return JsonOut.page(page, ObservationJson::write);
  }

  static void write(JsonGenerator g, Observation o) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", o.id());
    g.writeStringField("projectId", o.projectId());
    g.writeStringField("traceId", o.traceId());
    JsonOut.string(g, "parentObservationId", o.parentObservationId());
    g.writeStringField("type", o.type().name());
    JsonOut.string(g, "name", o.name());
    g.writeStringField("environment", o.environment());
    JsonOut.time(g, "startTime", o.startTime());
    JsonOut.time(g, "endTime", o.endTime());
    JsonOut.time(g, "completionStartTime", o.completionStartTime());
    JsonOut.string(g, "version", o.version());
    JsonOut.raw(g, "input", o.input());
    JsonOut.raw(g, "output", o.output());
    JsonOut.raw(g, "metadata", o.metadata());
    g.writeStringField("level", o.level().name());
    JsonOut.string(g, "statusMessage", o.statusMessage());
    JsonOut.string(g, "model", o.model());
    JsonOut.string(g, "modelId", o.pricedModelId());
    JsonOut.raw(g, "modelParameters", o.modelParameters());
    JsonOut.string(g, "promptName", o.promptName());
    if (o.promptVersion() == null) g.writeNullField("promptVersion");
    else g.writeNumberField("promptVersion", o.promptVersion());
    writeUsage(g, o);
    writeCost(g, o);
    JsonOut.seconds(g, "latency", o.latency());
    JsonOut.seconds(g, "timeToFirstToken", o.timeToFirstToken());
    JsonOut.seconds(g, "streamingLatency", o.streamingLatency());
    Double tokensPerSecond = o.outputTokensPerSecond();
    if (tokensPerSecond == null) g.writeNullField("outputTokensPerSecond");
    else g.writeNumberField("outputTokensPerSecond", tokensPerSecond);
    g.writeStringField("costSource", o.costSource().name());
    g.writeStringField("usageScope", o.usageScope().name());
    g.writeObjectFieldStart("mappingNotes");
    for (Map.Entry<String, String> e : new TreeMap<>(o.mappingNotes()).entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeUsage(JsonGenerator g, Observation o) throws IOException {
    g.writeObjectFieldStart("usageDetails");
    for (Map.Entry<String, Long> e : usageDetails(o).entrySet()) {
      g.writeNumberField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    long input = sumOfKeysContaining(o.usageDetails(), "input");
    long output = sumOfKeysContaining(o.usageDetails(), "output");
    long total = o.usageDetails().getOrDefault("total", input + output);
    g.writeObjectFieldStart("usage");
    g.writeNumberField("input", input);
    g.writeNumberField("output", output);
    g.writeNumberField("total", total);
    g.writeStringField("unit", "TOKENS");
    g.writeEndObject();
    g.writeNumberField("promptTokens", input);
    g.writeNumberField("completionTokens", output);
    g.writeNumberField("totalTokens", total);
  }

  private static void writeCost(JsonGenerator g, Observation o) throws IOException {
    g.writeObjectFieldStart("costDetails");
    for (Map.Entry<String, BigDecimal> e : new TreeMap<>(o.costDetails()).entrySet()) {
      JsonOut.decimal(g, e.getKey(), e.getValue());
    }
    g.writeEndObject();
    JsonOut.decimal(g, "calculatedInputCost", o.inputCost());
    JsonOut.decimal(g, "calculatedOutputCost", o.outputCost());
    JsonOut.decimal(g, "calculatedTotalCost", o.totalCost());
    JsonOut.decimal(g, "totalCost", o.totalCost());
  }

  /**
   * The usage entries by key, with {@code total} filled as Langfuse fills it when the client sent
   * none: the sum of all entries ({@code {input: 42, output: 17}} reads {@code total: 59}). A total
   * the client sent is kept as sent and never added to.
   */
  static Map<String, Long> usageDetails(Observation o) {
    Map<String, Long> out = new TreeMap<>(o.usageDetails());
    if (!out.isEmpty()) out.putIfAbsent("total", o.totalTokens());
    return out;
  }

  /**
   * Langfuse's rule: input (output) units are the sum of usage entries whose key contains "input"
   * ("output").
   */
  static long sumOfKeysContaining(Map<String, Long> usage, String word) {
    long sum = 0;
    for (Map.Entry<String, Long> e : usage.entrySet()) {
      if (e.getKey().toLowerCase(Locale.ROOT).contains(word)) sum += e.getValue();
    }
    return sum;
  }
}
