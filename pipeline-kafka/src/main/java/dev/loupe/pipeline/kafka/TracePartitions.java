package dev.loupe.pipeline.kafka;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.pipeline.log.RecordCodec;
import dev.loupe.storage.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Utils;

/**
 * Splits a write batch by the partition of its traces, so every write of one trace goes to one
 * partition and stays in order there. A trace's key is its project and id; its partition is the
 * key's murmur2 hash modulo the partition count, as Kafka's own partitioner places keyed records. A
 * part larger than {@link #TARGET_BYTES} encoded is cut into several records (in order, in the same
 * partition), so records stay near the size brokers expect.
 */
final class TracePartitions {
  /** The size records aim at; a single row larger than it still goes as one record. */
  static final int TARGET_BYTES = 1 << 20;

  private TracePartitions() {}

  /** One record's worth: its partition, key (its first trace) and rows. */
  record Part(int partition, byte[] key, WriteBatch rows) {}

  static int partition(String projectId, String traceId, int partitions) {
    return Utils.toPositive(Utils.murmur2(key(projectId, traceId))) % partitions;
  }

  static byte[] key(String projectId, String traceId) {
    return (projectId + "/" + traceId).getBytes(StandardCharsets.UTF_8);
  }

  /** The batch's rows by partition (ascending), each cut to about {@link #TARGET_BYTES}. */
  static List<Part> split(WriteBatch batch, int partitions) {
    Map<Integer, List<Trace>> traces = new TreeMap<>();
    Map<Integer, List<Observation>> observations = new TreeMap<>();
    Map<Integer, byte[]> keys = new TreeMap<>();
    for (Trace t : batch.traces()) {
      int p = partition(t.projectId(), t.id(), partitions);
      traces.computeIfAbsent(p, x -> new ArrayList<>()).add(t);
      keys.putIfAbsent(p, key(t.projectId(), t.id()));
    }
    for (Observation o : batch.observations()) {
      int p = partition(o.projectId(), o.traceId(), partitions);
      observations.computeIfAbsent(p, x -> new ArrayList<>()).add(o);
      keys.putIfAbsent(p, key(o.projectId(), o.traceId()));
    }
    List<Part> out = new ArrayList<>();
    for (Map.Entry<Integer, byte[]> e : keys.entrySet()) {
      int p = e.getKey();
      cut(
          p,
          e.getValue(),
          traces.getOrDefault(p, List.of()),
          observations.getOrDefault(p, List.of()),
          out);
    }
    return out;
  }

  /** Adds the rows as one part, or halves them (traces first, as applied) until parts fit. */
  private static void cut(
      int partition,
      byte[] key,
      List<Trace> traces,
      List<Observation> observations,
      List<Part> out) {
    WriteBatch rows = WriteBatch.of(traces, observations);
    int n = traces.size() + observations.size();
    if (n <= 1 || RecordCodec.estimate(rows) <= TARGET_BYTES) {
      out.add(new Part(partition, key, rows));
      return;
    }
    int half = n / 2;
    if (half <= traces.size()) {
      cut(partition, key, traces.subList(0, half), List.of(), out);
      cut(partition, key, traces.subList(half, traces.size()), observations, out);
    } else {
      int o = half - traces.size();
      cut(partition, key, traces, observations.subList(0, o), out);
      cut(partition, key, List.of(), observations.subList(o, observations.size()), out);
    }
  }
}
