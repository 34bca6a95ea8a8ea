package dev.loupe.storage.tests;

import static dev.loupe.storage.tests.ITStorage.assertStored;
import static dev.loupe.storage.tests.TestObjects.generation;
import static dev.loupe.storage.tests.TestObjects.trace;
import static dev.loupe.storage.tests.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The suite's comparison forgives only a decimal's scale. */
class AssertStoredTest {
  final Trace trace = trace(traceId(1));
  final Observation generation = generation(trace, "o1", trace.timestamp());

  @Test
  void assertStored_acceptsTheSameCostAtAnotherScale() {
    Observation rescaled = withTotal(new BigDecimal("0.000286500000"));

    assertThatCode(() -> assertStored(rescaled, generation)).doesNotThrowAnyException();
  }

  @Test
  void assertStored_rejectsAnotherCost() {
    assertThatThrownBy(() -> assertStored(withTotal(new BigDecimal("0.0002866")), generation))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void assertStored_rejectsReorderedTagsAndShiftedTimes() {
    assertThatThrownBy(
            () -> assertStored(trace.toBuilder().tags(List.of("tier-2", "support")).build(), trace))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(
            () ->
                assertStored(
                    trace.toBuilder().timestamp(trace.timestamp().plusNanos(1_000)).build(), trace))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void assertStored_rejectsReformattedJson() {
    assertThatThrownBy(
            () ->
                assertStored(
                    generation.toBuilder()
                        .modelParameters("{\"temperature\": 0.2, \"max_tokens\": 1024}")
                        .build(),
                    generation))
        .isInstanceOf(AssertionError.class);
  }

  private Observation withTotal(BigDecimal total) {
    var costs = new java.util.HashMap<>(generation.costDetails());
    costs.put("total", total);
    return generation.toBuilder().costDetails(Map.copyOf(costs)).build();
  }
}
