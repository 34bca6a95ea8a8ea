package dev.loupe.storage.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.storage.FullText;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * A record body with a row part: its values come back as written, out to the longs' extremes, and
 * the payload fields after it read as they do in a body without one (decode, full-text match).
 */
class PayloadCodecTest {
  private static final long[] LONGS = {
    0, 1, -1, 63, -64, 64, -65, 1_700_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, -123_456_789
  };

  @Test
  void rowPart_roundTrips_thenThePayloadFields() {
    PayloadCodec codec = new PayloadCodec().clear().beginRow();
    for (long v : LONGS) codec.addLong(v);
    codec.addShort(null).addShort("").addShort("héllo ✓").addNullableLong(null);
    codec.addNullableLong(Long.MIN_VALUE).endRow().add("needle in input").add(null).add("out");
    byte[] body = Arrays.copyOf(codec.buffer(), codec.size());

    PayloadCodec.RowReader r = PayloadCodec.RowReader.of(body);
    assertThat(r).isNotNull();
    for (long v : LONGS) assertThat(r.longValue()).isEqualTo(v);
    assertThat(r.string()).isNull();
    assertThat(r.string()).isEmpty();
    assertThat(r.string()).isEqualTo("héllo ✓");
    assertThat(r.nullableLong()).isNull();
    assertThat(r.nullableLong()).isEqualTo(Long.MIN_VALUE);
    assertThatThrownBy(r::string).hasMessageContaining("row part ends");

    assertThat(PayloadCodec.decode(body)).containsExactly("needle in input", null, "out");
    assertThat(PayloadMatch.matches(FullText.of("needle"), body, 0)).isTrue();
    assertThat(PayloadMatch.matches(FullText.of("out"), body, 1)).isTrue();
    assertThat(PayloadMatch.matches(FullText.of("needle"), body, 1)).isFalse();
  }

  @Test
  void bodyWithoutRowPart_hasNoRowReader_andDecodesAsBefore() {
    PayloadCodec codec = new PayloadCodec().clear().add(null).add("a");
    byte[] body = Arrays.copyOf(codec.buffer(), codec.size());
    assertThat(PayloadCodec.RowReader.of(body)).isNull();
    assertThat(PayloadCodec.decode(body)).isEqualTo(Arrays.asList(null, "a"));
    assertThat(PayloadCodec.decode(new byte[0])).isEqualTo(Collections.emptyList());
    assertThat(PayloadCodec.RowReader.of(new byte[0])).isNull();
    codec.clear().beginRow().endRow(); // a row part and no payload field
    byte[] rowOnly = Arrays.copyOf(codec.buffer(), codec.size());
    assertThat(PayloadCodec.RowReader.of(rowOnly)).isNotNull();
    assertThat(PayloadCodec.decode(rowOnly)).isEmpty();
  }
}
