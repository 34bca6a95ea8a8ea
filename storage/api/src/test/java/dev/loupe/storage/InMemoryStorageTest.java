package dev.loupe.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InMemoryStorageTest {
  static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  final InMemoryStorage storage = new InMemoryStorage();

  @Test
  void accept_storesNothingOfABatchWhenOneMergeFails() {
    accept(List.of(Trace.builder("p", "t1", T0).metadata("{\"a\":1}").build()), List.of());
    Trace unrelated = Trace.builder("p", "t2", T0).build();
    Trace unmergeable = Trace.builder("p", "t1", T0).metadata("{not json").build();

    assertThatThrownBy(() -> accept(List.of(unrelated, unmergeable), List.of()))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("trace t1");
    assertThat(storage.traceStore().getTrace("p", "t2")).isEmpty();
    assertThat(storage.traceStore().getTrace("p", "t1").orElseThrow().trace().metadata())
        .isEqualTo("{\"a\":1}");
  }

  @Test
  void accept_mergesEveryConcurrentWriteWhileReadersRun() throws Exception {
    int writers = 8, writes = 50;
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<CompletableFuture<?>> tasks = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        tasks.add(
            CompletableFuture.runAsync(
                () ->
                    IntStream.range(0, writes)
                        .forEach(
                            i ->
                                accept(
                                    List.of(
                                        Trace.builder("p", "t1", T0)
                                            .tags(List.of(writer + "-" + i))
                                            .build()),
                                    List.of(
                                        Observation.builder(
                                                "p", "o" + writer + "-" + i, "t1", T0.plusMillis(i))
                                            .build()))),
                pool));
        tasks.add(
            CompletableFuture.runAsync(
                () ->
                    IntStream.range(0, writes)
                        .forEach(
                            i ->
                                storage.traceStore().searchTraces(TraceQuery.builder("p").build())),
                pool));
      }
      CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)).get();
    }

    TraceDetail trace = storage.traceStore().getTrace("p", "t1").orElseThrow();
    assertThat(trace.trace().tags()).hasSize(writers * writes).doesNotHaveDuplicates();
    assertThat(trace.observations()).hasSize(writers * writes);
  }

  @Test
  void searchTraces_ordersTextByCodePointNotUtf16Unit() {
    // U+FF5E is one UTF-16 unit above the surrogates of U+1F600, but the lower code point.
    accept(
        List.of(
            Trace.builder("p", "t1", T0).name("\uD83D\uDE00 grin").build(),
            Trace.builder("p", "t2", T0).name("\uFF5E tilde").build(),
            Trace.builder("p", "t3", T0).name("z").build()),
        List.of());

    List<String> names =
        storage
            .traceStore()
            .searchTraces(
                TraceQuery.builder("p").orderBy(TraceQuery.OrderBy.NAME, SortDirection.ASC).build())
            .items()
            .stream()
            .map(s -> s.trace().name())
            .toList();
    assertThat(names).containsExactly("z", "\uFF5E tilde", "\uD83D\uDE00 grin");
  }

  @Test
  void clear_dropsTracesAndObservations() {
    accept(
        List.of(Trace.builder("p", "t1", T0).build()),
        List.of(Observation.builder("p", "o1", "t1", T0).build()));
    storage.clear();

    assertThat(storage.traceStore().getTrace("p", "t1")).isEmpty();
    assertThat(storage.traceStore().getObservation("p", "o1")).isEmpty();
  }

  private void accept(List<Trace> traces, List<Observation> observations) {
    storage.observationConsumer().accept(WriteBatch.of(traces, observations));
  }
}
