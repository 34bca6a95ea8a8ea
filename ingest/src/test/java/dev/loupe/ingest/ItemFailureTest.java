package dev.loupe.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import org.junit.jupiter.api.Test;

/** What one item's exception tells the client: bad input is a 400 with why, a defect a 500. */
class ItemFailureTest {
  @Test
  void valuesTheModelOrArithmeticRefuse_areBadInputWithTheirMessage() {
    assertThat(ItemFailure.of(new IllegalArgumentException("id is blank")))
        .isEqualTo(new ItemFailure(400, "id is blank"));
    assertThat(ItemFailure.of(new NumberFormatException("Infinite or NaN")))
        .isEqualTo(new ItemFailure(400, "Infinite or NaN"));
    assertThat(ItemFailure.of(new ArithmeticException("long overflow")))
        .isEqualTo(new ItemFailure(400, "long overflow"));
    assertThat(ItemFailure.of(new DateTimeException("Instant exceeds minimum or maximum instant")))
        .isEqualTo(new ItemFailure(400, "Instant exceeds minimum or maximum instant"));
  }

  @Test
  void anythingElse_isAnInternalErrorOfThatItemAlone() {
    assertThat(ItemFailure.of(new NullPointerException("model")))
        .isEqualTo(
            new ItemFailure(500, "internal error while reading this item; see the server log"));
  }
}
