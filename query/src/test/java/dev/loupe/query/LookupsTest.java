package dev.loupe.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.InMemoryStorage;
import dev.loupe.storage.WriteBatch;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LookupsTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  final InMemoryStorage storage = new InMemoryStorage();

  LookupsTest() {
    storage
        .observationConsumer()
        .accept(
            WriteBatch.of(
                List.of(Trace.builder("a", "t1", T0).sessionId("s1").build()),
                List.of(Observation.builder("a", "o1", "t1", T0).build())));
  }

  @Test
  void get_findsRowsOfTheCallersProjectOnly() {
    assertThat(new TraceQueries(storage.traceStore()).get("a", "t1").observations()).hasSize(1);
    assertThat(new ObservationQueries(storage.traceStore()).get("a", "o1").traceId())
        .isEqualTo("t1");
    assertThat(new SessionQueries(storage.traceStore()).get("a", "s1").traces()).hasSize(1);

    assertThatThrownBy(() -> new TraceQueries(storage.traceStore()).get("b", "t1"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("trace not found in this project: t1");
    assertThatThrownBy(() -> new ObservationQueries(storage.traceStore()).get("b", "o1"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> new SessionQueries(storage.traceStore()).get("b", "s1"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void search_isScopedToTheCallersProject() {
    assertThat(new TraceQueries(storage.traceStore()).search("a", QueryParams.EMPTY).totalItems())
        .isEqualTo(1);
    assertThat(new TraceQueries(storage.traceStore()).search("b", QueryParams.EMPTY).items())
        .isEmpty();
    assertThat(new ObservationQueries(storage.traceStore()).search("b", QueryParams.EMPTY).items())
        .isEmpty();
    assertThat(new SessionQueries(storage.traceStore()).search("b", QueryParams.EMPTY).items())
        .isEmpty();
  }
}
