package dev.loupe.pipeline.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.model.UsageScope;
import dev.loupe.storage.LogPosition;
import dev.loupe.storage.WriteBatch;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The codec's properties on random rows: what is decoded equals what was encoded, field by field
 * (decimals with their scale); damaged bytes fail with a clear {@link IllegalArgumentException} and
 * nothing else.
 */
class RecordCodecTest {
  private static final int CASES = 2_000;

  @Test
  void roundTrip_everyRandomBatchDecodesToEqualRowsFieldByField() {
    long seed = new Random().nextLong();
    RandomRows rows = new RandomRows(seed);
    for (int i = 0; i < CASES; i++) {
      WriteBatch batch = rows.batch();
      byte[] record = RecordCodec.encode(batch);
      WriteBatch decoded = RecordCodec.decode(record, 0, record.length);

      String context = "seed " + seed + ", case " + i;
      if (!decoded.equals(batch)) { // records' equals is field by field, decimals by scale too
        assertThat(decoded.traces())
            .as(context)
            .usingRecursiveFieldByFieldElementComparator()
            .isEqualTo(batch.traces());
        assertThat(decoded.observations())
            .as(context)
            .usingRecursiveFieldByFieldElementComparator()
            .isEqualTo(batch.observations());
      }
      assertThat(decoded).as(context).isEqualTo(batch);
    }
  }

  @Test
  void decode_readsARecordInsideALargerArray() {
    WriteBatch batch = new RandomRows(1).batch();
    byte[] record = RecordCodec.encode(batch);
    byte[] framed = new byte[record.length + 20];
    System.arraycopy(record, 0, framed, 7, record.length);

    assertThat(RecordCodec.decode(framed, 7, record.length)).isEqualTo(batch);
  }

  @Test
  void encode_leavesPositionsOut() {
    WriteBatch batch =
        new RandomRows(2).batch().withPositions(List.of(new LogPosition("ingest", 0, 9)));
    byte[] record = RecordCodec.encode(batch);

    assertThat(RecordCodec.decode(record, 0, record.length).positions()).isEmpty();
  }

  @Test
  void decode_truncatedOrDamagedBytesFailWithIllegalArgumentOnly() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    RandomRows rows = new RandomRows(seed);
    for (int i = 0; i < CASES; i++) {
      byte[] record = RecordCodec.encode(rows.batch());
      byte[] damaged =
          random.nextBoolean()
              ? Arrays.copyOf(record, random.nextInt(record.length))
              : flip(record, random);
      try {
        RecordCodec.decode(damaged, 0, damaged.length);
      } catch (IllegalArgumentException expected) {
        assertThat(expected.getMessage()).as("seed " + seed + ", case " + i).isNotBlank();
      }
    }
  }

  @Test
  void decode_refusesAnotherVersionNamingIt() {
    byte[] record = RecordCodec.encode(new RandomRows(3).batch());
    record[0] = (byte) (RecordCodec.VERSION + 1);

    assertThatThrownBy(() -> RecordCodec.decode(record, 0, record.length))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("codec version " + (RecordCodec.VERSION + 1))
        .hasMessageContaining("newer");
  }

  /**
   * A log written by the build before version 2 (records of {@code RandomRows} seeds, encoded by
   * that build: {@code records-v1.bin}, each {@code [long seed][int length][record]}) is applied by
   * this one: an upgrade with records not yet applied loses none.
   */
  @Test
  void decode_readsVersion1Records() throws IOException {
    int records = 0;
    try (DataInputStream in =
        new DataInputStream(getClass().getResourceAsStream("records-v1.bin"))) {
      while (in.available() > 0) {
        long seed = in.readLong();
        byte[] record = new byte[in.readInt()];
        in.readFully(record);
        assertThat(record[0]).isEqualTo((byte) 1);

        assertThat(RecordCodec.decode(record, 0, record.length))
            .as("seed " + seed)
            .isEqualTo(new RandomRows(seed).batch());
        records++;
      }
    }
    assertThat(records).isEqualTo(24);
  }

  /**
   * A damaged entry count cannot make the decoder allocate for entries the record has no bytes for,
   * and a key that comes twice is damage too: both fail as any corrupt record does.
   */
  @Test
  void decode_anEntryCountBeyondTheRecordOrAKeyTwiceIsCorrupt() {
    Observation o =
        Observation.builder("p", "o1", "t1", Instant.parse("2026-12-07T00:00:00Z"))
            .usageDetails(Map.of("input", 1L, "inpux", 2L))
            .build();
    byte[] record = RecordCodec.encode(WriteBatch.of(List.of(), List.of(o)));
    String text = new String(record, StandardCharsets.ISO_8859_1);
    int first = Math.min(text.indexOf("input"), text.indexOf("inpux"));
    int count = first - 2; // [count = 2][length of the first key, written whole][key]
    assertThat(record[count]).isEqualTo((byte) 2);

    byte[] tooMany = record.clone();
    tooMany[count] = 0x7F; // 127 entries: more than the bytes left could hold
    assertThatThrownBy(() -> RecordCodec.decode(tooMany, 0, tooMany.length))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("usage entries 127 out of range");

    byte[] twice = record.clone();
    int x = text.indexOf("inpux") + 4;
    twice[x] = 't';
    assertThatThrownBy(() -> RecordCodec.decode(twice, 0, twice.length))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("usage entries")
        .hasMessageContaining("input");
  }

  /** What most rows of a batch share (project, environment, notes, trace id) is written once. */
  @Test
  void encode_writesRepeatedShortStringsOnce() {
    RandomRows rows = new RandomRows(5);
    Observation first = rows.observation();
    List<Observation> same = new ArrayList<>();
    for (int i = 0; i < 200; i++) same.add(first);
    int one = RecordCodec.encode(WriteBatch.of(List.of(), List.of(first))).length;
    byte[] record = RecordCodec.encode(WriteBatch.of(List.of(), same));

    assertThat(RecordCodec.decode(record, 0, record.length).observations()).isEqualTo(same);
    int shortStrings =
        Stream.concat(
                Stream.of(first.projectId(), first.id(), first.traceId(), first.environment()),
                first.mappingNotes().entrySet().stream()
                    .flatMap(e -> Stream.of(e.getKey(), e.getValue())))
            .filter(t -> t.length() <= RecordWriter.SHARED_MAX_CHARS)
            .mapToInt(t -> t.getBytes(StandardCharsets.UTF_8).length)
            .sum();
    assertThat(record.length - one)
        .as("199 more rows, each without the %d bytes of its short strings", shortStrings)
        .isLessThanOrEqualTo(199 * (one - shortStrings));
  }

  /** Past the table's size, short strings are written whole and still read back. */
  @Test
  void roundTrip_moreShortStringsThanTheTableHolds() {
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < RecordWriter.SHARED_MAX_COUNT + 5_000; i++) tags.add("t" + i);
    for (int i = 0; i < 10_000; i++) tags.add("t" + (i * 7));
    RandomRows rows = new RandomRows(6);
    Trace t = rows.trace();
    Trace many =
        new Trace(
            t.projectId(),
            t.id(),
            t.name(),
            t.timestamp(),
            t.userId(),
            t.sessionId(),
            tags,
            t.input(),
            t.output(),
            t.metadata(),
            t.environment(),
            t.release(),
            t.version(),
            t.isPublic());
    WriteBatch batch = WriteBatch.of(List.of(many, many), List.of(rows.observation()));
    byte[] record = RecordCodec.encode(batch);

    assertThat(RecordCodec.decode(record, 0, record.length)).isEqualTo(batch);
  }

  /**
   * Versions 1 and 2 write enums by ordinal: a new constant goes last; a reorder is a new version.
   */
  @Test
  void enumOrdersArePinned() {
    assertThat(ObservationType.values())
        .startsWith(
            ObservationType.valueOf("SPAN"),
            ObservationType.valueOf("GENERATION"),
            ObservationType.valueOf("EVENT"),
            ObservationType.valueOf("TOOL"),
            ObservationType.valueOf("AGENT"),
            ObservationType.valueOf("CHAIN"),
            ObservationType.valueOf("RETRIEVER"),
            ObservationType.valueOf("EMBEDDING"),
            ObservationType.valueOf("EVALUATOR"),
            ObservationType.valueOf("GUARDRAIL"));
    assertThat(Level.values()).startsWith(Level.DEBUG, Level.DEFAULT, Level.WARNING, Level.ERROR);
    assertThat(CostSource.values())
        .startsWith(
            CostSource.NONE, CostSource.PROVIDED, CostSource.CALCULATED, CostSource.NO_PRICE);
    assertThat(UsageScope.values()).startsWith(UsageScope.OWN, UsageScope.DESCENDANTS);
  }

  private static byte[] flip(byte[] record, Random random) {
    byte[] out = record.clone();
    for (int n = 1 + random.nextInt(3); n > 0; n--)
      out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
    return out;
  }
}
