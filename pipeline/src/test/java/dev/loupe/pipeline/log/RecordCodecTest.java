package dev.loupe.pipeline.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.ObservationType;
import dev.loupe.model.UsageScope;
import dev.loupe.storage.LogPosition;
import dev.loupe.storage.WriteBatch;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
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
    record[0] = 2;

    assertThatThrownBy(() -> RecordCodec.decode(record, 0, record.length))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("codec version 2")
        .hasMessageContaining("newer");
  }

  /** Version 1 writes enums by ordinal: a new constant goes last; a reorder needs version 2. */
  @Test
  void version1_enumOrdersArePinned() {
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
