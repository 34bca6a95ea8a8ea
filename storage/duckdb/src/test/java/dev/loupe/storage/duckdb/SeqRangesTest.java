package dev.loupe.storage.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeqRangesTest {
  @Test
  void of_coversEverySeqAndBridgesTheSmallestGapsFirst() throws SQLException {
    assertThat(covered(Set.of(1L, 2L, 3L, 10L, 11L, 50L, 52L, 90L), 3))
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 50L, 51L, 52L, 90L);
  }

  @Test
  void of_repeatsTheLastRangeWhenThereAreSpareSlots() throws SQLException {
    assertThat(covered(Set.of(7L), 4)).containsExactly(7L);
  }

  /** The seqs in 1..100 that the filter lets through, asked of DuckDB itself. */
  private static List<Long> covered(Set<Long> seqs, int slots) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT seq FROM range(1, 101) t(seq) WHERE "
                    + SeqRanges.sql("seq", slots)
                    + " ORDER BY seq")) {
      SeqRanges.of(seqs, slots).bind(ps, 1);
      List<Long> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(rs.getLong(1));
      }
      return out;
    }
  }
}
