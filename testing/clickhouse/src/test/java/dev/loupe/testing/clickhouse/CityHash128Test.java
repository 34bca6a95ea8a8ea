package dev.loupe.testing.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.data.ClickHouseCityHash;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The block checksum agrees with the client's own CityHash128 at every length class. */
class CityHash128Test {
  @Test
  @SuppressWarnings(
      "deprecation") // the client marks its hash class deprecated; it is what it checks with
  void agreesWithTheClientsHash() {
    Random random = new Random(12);
    for (int len = 0; len < 600; len++) {
      byte[] b = new byte[len + 7];
      random.nextBytes(b);
      assertThat(CityHash128.hash(b, 7, len))
          .as("length %d", len)
          .containsExactly(ClickHouseCityHash.cityHash128(b, 7, len));
    }
  }

  @Test
  void framedDataDecodesToItselfAndACorruptBlockIsRefused() {
    byte[] data = new byte[3 << 20];
    new Random(3).nextBytes(data);
    byte[] framed = CompressedBlocks.encode(data);
    assertThat(CompressedBlocks.decode(framed)).isEqualTo(data);
    framed[framed.length / 2] ^= 1;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CompressedBlocks.decode(framed))
        .isInstanceOfSatisfying(ChDbException.class, e -> assertThat(e.code()).isEqualTo(40));
  }
}
