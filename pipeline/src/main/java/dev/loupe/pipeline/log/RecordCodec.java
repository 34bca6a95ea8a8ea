package dev.loupe.pipeline.log;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.model.UsageScope;
import dev.loupe.storage.WriteBatch;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The one binary format of an ingest log record: the traces and observations of a write batch,
 * every field (mapping notes and usage scope included, costs as exact decimals with their scale),
 * so that decoding gives rows equal to the encoded ones, field by field. Every log implementation
 * stores this (the embedded segment log; Kafka's record values). Positions are not part of it: they
 * are where a record is, not what it says.
 *
 * <p>Layout, version 2: {@code [byte version] [varint traces] trace* [varint observations]
 * observation*}, fields in record-component order. Strings are UTF-8 after a varint that also says
 * whether the string is null or a reference to one written before in the same record (short
 * strings: the project id, environment, model, mapping notes and trace id repeat in most rows; see
 * {@code RecordWriter#writeString}); version 1, still read, had no references ({@code varint(length
 * + 1)}, 0 for null). Instants zigzag seconds then nanos; decimals zigzag scale then the unscaled
 * two's-complement bytes; enums their ordinal in this version's order (pinned by {@code
 * RecordCodecTest}: a new constant goes last, a reorder is a new version); nullable instants and
 * integers a presence byte first. A reader refuses a version it does not know, so a downgrade stops
 * the applier with a clear error rather than misreading records.
 *
 * <pre>{@code
 * byte[] record = RecordCodec.encode(batch);
 * WriteBatch same = RecordCodec.decode(record, 0, record.length); // equals batch's rows
 * }</pre>
 */
public final class RecordCodec {
  /** The version this build writes. */
  public static final int VERSION = 2;

  /** The oldest version this build reads. */
  static final int OLDEST_READ = 1;

  private static final ObservationType[] TYPES = ObservationType.values();
  private static final Level[] LEVELS = Level.values();
  private static final CostSource[] COST_SOURCES = CostSource.values();
  private static final UsageScope[] USAGE_SCOPES = UsageScope.values();

  private RecordCodec() {}

  /** The batch's rows as one record (its positions are left out). */
  public static byte[] encode(WriteBatch batch) {
    RecordWriter w = new RecordWriter(estimate(batch));
    w.writeByte(VERSION);
    w.writeVarLong(batch.traces().size());
    for (Trace t : batch.traces()) writeTrace(w, t);
    w.writeVarLong(batch.observations().size());
    for (Observation o : batch.observations()) writeObservation(w, o);
    return w.toByteArray();
  }

  /**
   * About the encoded size of {@code batch}, a little above it for ASCII payloads: the buffer
   * rarely grows (each growth copies it), so a request holds about twice its record's size at most
   * while encoding.
   */
  public static int estimate(WriteBatch batch) {
    long n = 256 + 512L * batch.size();
    for (Trace t : batch.traces()) n += chars(t.input()) + chars(t.output()) + chars(t.metadata());
    for (Observation o : batch.observations())
      n += chars(o.input()) + chars(o.output()) + chars(o.metadata());
    return (int) Math.min(n, Integer.MAX_VALUE - 16);
  }

  private static long chars(@Nullable String s) {
    return s == null ? 0 : s.length();
  }

  /**
   * The rows of a record.
   *
   * @throws IllegalArgumentException when the bytes are not a record of this version (unknown
   *     version, truncated, impossible values), saying what and where
   */
  public static WriteBatch decode(byte[] record, int offset, int length) {
    RecordReader r = new RecordReader(record, offset, length);
    int version = r.readByte();
    if (version < OLDEST_READ || version > VERSION) {
      throw new IllegalArgumentException(
          "ingest log record has codec version "
              + version
              + "; this build reads versions "
              + OLDEST_READ
              + " to "
              + VERSION
              + (version > VERSION ? " (written by a newer Loupe)" : ""));
    }
    if (version == 1) r.plainStrings();
    try {
      int traceCount = r.readCount("trace count", length);
      List<Trace> traces = new ArrayList<>(traceCount);
      for (int i = 0; i < traceCount; i++) traces.add(readTrace(r));
      int observationCount = r.readCount("observation count", length);
      List<Observation> observations = new ArrayList<>(observationCount);
      for (int i = 0; i < observationCount; i++) observations.add(readObservation(r));
      if (!r.atEnd()) throw r.bad("bytes after the last row");
      return WriteBatch.of(traces, observations);
    } catch (NullPointerException | IllegalStateException e) {
      throw r.bad("invalid row: " + e.getMessage());
    }
  }

  private static void writeTrace(RecordWriter w, Trace t) {
    w.writeString(t.projectId());
    w.writeString(t.id());
    w.writeString(t.name());
    w.writeInstant(t.timestamp());
    w.writeString(t.userId());
    w.writeString(t.sessionId());
    w.writeVarLong(t.tags().size());
    for (String tag : t.tags()) w.writeString(tag);
    w.writeString(t.input());
    w.writeString(t.output());
    w.writeString(t.metadata());
    w.writeString(t.environment());
    w.writeString(t.release());
    w.writeString(t.version());
    w.writeBoolean(t.isPublic());
  }

  private static Trace readTrace(RecordReader r) {
    String projectId = r.readRequiredString("trace.projectId");
    String id = r.readRequiredString("trace.id");
    String name = r.readString();
    var timestamp = r.readInstant();
    String userId = r.readString();
    String sessionId = r.readString();
    int tagCount = r.readCount("tag count", Integer.MAX_VALUE);
    List<String> tags = new ArrayList<>(Math.min(tagCount, 64));
    for (int i = 0; i < tagCount; i++) tags.add(r.readRequiredString("trace.tags"));
    return new Trace(
        projectId,
        id,
        name,
        timestamp,
        userId,
        sessionId,
        tags,
        r.readString(),
        r.readString(),
        r.readString(),
        r.readRequiredString("trace.environment"),
        r.readString(),
        r.readString(),
        r.readBoolean());
  }

  private static void writeObservation(RecordWriter w, Observation o) {
    w.writeString(o.projectId());
    w.writeString(o.id());
    w.writeString(o.traceId());
    w.writeString(o.parentObservationId());
    w.writeVarLong(o.type().ordinal());
    w.writeString(o.name());
    w.writeInstant(o.startTime());
    w.writeNullableInstant(o.endTime());
    w.writeNullableInstant(o.completionStartTime());
    w.writeVarLong(o.level().ordinal());
    w.writeString(o.statusMessage());
    w.writeString(o.model());
    w.writeString(o.modelParameters());
    w.writeString(o.input());
    w.writeString(o.output());
    w.writeString(o.metadata());
    w.writeVarLong(o.usageDetails().size());
    for (Map.Entry<String, Long> e : o.usageDetails().entrySet()) {
      w.writeString(e.getKey());
      w.writeSignedVarLong(e.getValue());
    }
    w.writeVarLong(o.costDetails().size());
    for (Map.Entry<String, BigDecimal> e : o.costDetails().entrySet()) {
      w.writeString(e.getKey());
      w.writeDecimal(e.getValue());
    }
    w.writeVarLong(o.costSource().ordinal());
    w.writeString(o.pricedModelId());
    w.writeString(o.environment());
    w.writeString(o.version());
    w.writeString(o.release());
    w.writeString(o.promptName());
    w.writeBoolean(o.promptVersion() != null);
    if (o.promptVersion() != null) w.writeSignedVarLong(o.promptVersion());
    w.writeVarLong(o.mappingNotes().size());
    for (Map.Entry<String, String> e : o.mappingNotes().entrySet()) {
      w.writeString(e.getKey());
      w.writeString(e.getValue());
    }
    w.writeVarLong(o.usageScope().ordinal());
  }

  private static Observation readObservation(RecordReader r) {
    String projectId = r.readRequiredString("observation.projectId");
    String id = r.readRequiredString("observation.id");
    String traceId = r.readRequiredString("observation.traceId");
    String parent = r.readString();
    ObservationType type = TYPES[r.readCount("observation.type", TYPES.length - 1)];
    String name = r.readString();
    var start = r.readInstant();
    var end = r.readNullableInstant();
    var completionStart = r.readNullableInstant();
    Level level = LEVELS[r.readCount("observation.level", LEVELS.length - 1)];
    String statusMessage = r.readString();
    String model = r.readString();
    String modelParameters = r.readString();
    String input = r.readString();
    String output = r.readString();
    String metadata = r.readString();
    Map<String, Long> usage = readMap(r, "usage entries", "usage type", r::readSignedVarLong);
    Map<String, BigDecimal> costs = readMap(r, "cost entries", "cost type", r::readDecimal);
    CostSource costSource =
        COST_SOURCES[r.readCount("observation.costSource", COST_SOURCES.length - 1)];
    String pricedModelId = r.readString();
    String environment = r.readRequiredString("observation.environment");
    String version = r.readString();
    String release = r.readString();
    String promptName = r.readString();
    Integer promptVersion = null;
    if (r.readBoolean()) {
      long v = r.readSignedVarLong();
      if (v != (int) v) throw r.bad("promptVersion " + v);
      promptVersion = (int) v;
    }
    Map<String, String> notes =
        readMap(r, "mapping notes", "note key", () -> r.readRequiredString("note value"));
    UsageScope scope = USAGE_SCOPES[r.readCount("observation.usageScope", USAGE_SCOPES.length - 1)];
    return new Observation(
        projectId,
        id,
        traceId,
        parent,
        type,
        name,
        start,
        end,
        completionStart,
        level,
        statusMessage,
        model,
        modelParameters,
        input,
        output,
        metadata,
        usage,
        costs,
        costSource,
        pricedModelId,
        environment,
        version,
        release,
        promptName,
        promptVersion,
        notes,
        scope);
  }

  /**
   * A map as its entry count, then key and value per entry, read straight into the immutable map an
   * {@link Observation} keeps (a {@code HashMap} copied by {@code Map.copyOf} was a fifth of the
   * applier's decoding). Every entry takes at least two bytes, which bounds the count a corrupt
   * record can claim; a key twice is corrupt too. The labels name the parts in that error.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <V> Map<String, V> readMap(
      RecordReader r, String entries, String key, Supplier<V> value) {
    int count = r.readCount(entries, r.remaining() / 2);
    if (count == 0) return Map.of();
    Map.Entry<String, V>[] read = new Map.Entry[count];
    for (int i = 0; i < count; i++) read[i] = Map.entry(r.readRequiredString(key), value.get());
    try {
      return Map.ofEntries(read);
    } catch (IllegalArgumentException duplicate) {
      throw r.bad(entries + ": " + duplicate.getMessage());
    }
  }
}
