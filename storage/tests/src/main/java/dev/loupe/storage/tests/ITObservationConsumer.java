package dev.loupe.storage.tests;

import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static dev.loupe.storage.tests.TestObjects.agentRun;
import static dev.loupe.storage.tests.TestObjects.at;
import static dev.loupe.storage.tests.TestObjects.generation;
import static dev.loupe.storage.tests.TestObjects.observationId;
import static dev.loupe.storage.tests.TestObjects.span;
import static dev.loupe.storage.tests.TestObjects.tool;
import static dev.loupe.storage.tests.TestObjects.trace;
import static dev.loupe.storage.tests.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.CostSource;
import dev.loupe.model.Json;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.storage.MergeHook;
import dev.loupe.storage.ObservationConsumer;
import dev.loupe.storage.ObservationQuery;
import dev.loupe.storage.Storage;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.TraceDetail;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.WriteBatch;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The write side: batches, upserts that merge in any arrival order, the merge hook (each merged
 * observation passes through it before it is stored, whatever the order), and content that must
 * survive intact.
 */
public abstract class ITObservationConsumer<S extends Storage> extends ITStorage<S> {

  @Test
  protected void accept_storesATraceWithItsObservationsFromOneBatch() {
    Trace trace = trace(traceId(1));
    List<Observation> run = agentRun(trace, 1);
    accept(List.of(trace), run);

    assertTrace(trace, run.toArray(Observation[]::new));
  }

  @Test
  protected void accept_emptyBatchStoresNothing() {
    accept(WriteBatch.of(List.of(), List.of()));

    assertThat(store().searchTraces(TraceQuery.builder(PROJECT).build()).totalItems()).isZero();
  }

  @Test
  protected void accept_resendingABatchIsIdempotent() {
    Trace trace = trace(traceId(1));
    List<Observation> run = agentRun(trace, 1);
    accept(List.of(trace), run);
    accept(List.of(trace), run);

    assertTrace(trace, run.toArray(Observation[]::new));
    assertThat(store().searchTraces(TraceQuery.builder(PROJECT).build()).totalItems()).isEqualTo(1);
    assertThat(store().searchObservations(ObservationQuery.builder(PROJECT).build()).totalItems())
        .isEqualTo(5);
  }

  @Test
  protected void accept_updateAfterCreateMergesTheTrace() {
    Trace created = trace(traceId(1)).toBuilder().output(null).tags(List.of("support")).build();
    Trace update =
        Trace.builder(PROJECT, created.id(), at(2))
            .output("\"done\"")
            .tags(List.of("escalated", "support"))
            .metadata("{\"customer_tier\":\"platinum\",\"resolved\":true}")
            .build();
    accept(created);
    accept(update);

    Trace stored = getTrace(created.id()).trace();
    assertStored(stored, created.mergedWith(update));
    assertThat(stored.name()).isEqualTo("support-agent");
    assertThat(stored.output()).isEqualTo("\"done\"");
    assertThat(stored.tags()).containsExactly("support", "escalated");
    assertThat(stored.metadata())
        .isEqualTo("{\"channel\":\"web\",\"customer_tier\":\"platinum\",\"resolved\":true}");
    assertThat(stored.timestamp()).isEqualTo(created.timestamp());
    assertThat(stored.environment()).isEqualTo("production");
  }

  @Test
  protected void accept_updateAfterCreateMergesTheObservation() {
    Trace trace = trace(traceId(1));
    Observation created =
        generation(trace, observationId(1), at(1)).toBuilder()
            .endTime(null)
            .output(null)
            .usageDetails(Map.of())
            .costDetails(Map.of())
            .costSource(CostSource.NONE)
            .build();
    Observation update =
        Observation.builder(PROJECT, created.id(), trace.id(), at(1).plusSeconds(1))
            .endTime(at(1).plusSeconds(2))
            .output("\"Your order ships tomorrow.\"")
            .level(Level.WARNING)
            .usageDetails(Map.of("input", 900L, "output", 215L))
            .costDetails(Map.of("total", new BigDecimal("0.000264")))
            .costSource(CostSource.CALCULATED)
            .build();
    accept(trace);
    accept(created);
    accept(update);

    Observation stored = getTrace(trace.id()).observations().getFirst();
    assertStored(stored, created.mergedWith(update));
    assertThat(stored.type()).isEqualTo(ObservationType.GENERATION);
    assertThat(stored.startTime()).isEqualTo(created.startTime());
    assertThat(stored.input()).isEqualTo(created.input());
    assertThat(stored.output()).isEqualTo("\"Your order ships tomorrow.\"");
    assertThat(stored.level()).isEqualTo(Level.WARNING);
    assertThat(stored.totalCost()).isEqualByComparingTo("0.000264");
  }

  @Test
  protected void accept_updateBeforeCreateMergesToTheSameRow() {
    Trace trace = trace(traceId(1));
    Observation created =
        tool(trace, observationId(1), at(1)).toBuilder().endTime(null).output(null).build();
    Observation update =
        Observation.builder(PROJECT, created.id(), trace.id(), at(1).plusSeconds(5))
            .endTime(at(1).plusSeconds(6))
            .output("{\"status\":\"shipped\"}")
            .level(Level.ERROR)
            .statusMessage("carrier timeout, retried")
            .build();
    Trace shallow = Trace.builder(PROJECT, trace.id(), at(1).plusSeconds(5)).build();
    accept(List.of(shallow), List.of(update));
    accept(List.of(trace), List.of(created));

    TraceDetail stored = getTrace(trace.id());
    assertStored(stored.trace(), shallow.mergedWith(trace));
    assertStored(stored.observations(), List.of(update.mergedWith(created)));
    Observation o = stored.observations().getFirst();
    assertThat(o.type()).isEqualTo(ObservationType.TOOL);
    assertThat(o.startTime()).isEqualTo(created.startTime());
    assertThat(o.endTime()).isEqualTo(update.endTime());
    assertThat(o.input()).isEqualTo(created.input());
    assertThat(o.output()).isEqualTo("{\"status\":\"shipped\"}");
    assertThat(o.level()).isEqualTo(Level.ERROR);
    assertThat(stored.trace().timestamp()).isEqualTo(trace.timestamp());
    assertThat(stored.trace().name()).isEqualTo("support-agent");
  }

  @Test
  protected void accept_laterEntriesOfOneBatchMergeIntoEarlierOnes() {
    Trace first =
        Trace.builder(PROJECT, traceId(1), at(1)).name("draft").tags(List.of("a")).build();
    Trace second =
        Trace.builder(PROJECT, traceId(1), at(2)).name("final").tags(List.of("b")).build();
    Observation start =
        Observation.builder(PROJECT, observationId(1), traceId(1), at(1)).name("step").build();
    Observation end =
        Observation.builder(PROJECT, observationId(1), traceId(1), at(1))
            .type(ObservationType.CHAIN)
            .endTime(at(1).plusMillis(10))
            .build();
    accept(List.of(first, second), List.of(start, end));

    assertTrace(first.mergedWith(second), start.mergedWith(end));
    assertThat(getTrace(traceId(1)).trace().name()).isEqualTo("final");
  }

  @Test
  protected void acceptWithHook_theHookSeesTheMergedRow_inBothOrders() {
    Trace trace = trace(traceId(1));
    Observation full = generation(trace, observationId(1), at(1));
    Observation model = unpriced(full).usageDetails(Map.of()).build();
    Observation usage =
        Observation.builder(PROJECT, full.id(), trace.id(), at(1))
            .usageDetails(full.usageDetails())
            .build();
    Observation model2 =
        unpriced(generation(trace, observationId(2), at(1))).usageDetails(Map.of()).build();
    Observation usage2 =
        Observation.builder(PROJECT, model2.id(), trace.id(), at(1))
            .usageDetails(full.usageDetails())
            .build();
    List<List<Observation>> seen = new ArrayList<>();
    MergeHook hook =
        (earlier, write, merged) -> {
          seen.add(List.of(earlier, write, merged));
          return stampedCost(merged);
        };
    ObservationConsumer priced = storage.observationConsumer(hook);
    priced.accept(WriteBatch.of(List.of(trace), List.of(model, usage2)));
    priced.accept(WriteBatch.of(List.of(), List.of(usage, model2)));

    assertThat(seen)
        .as("one call per merge, none for a first write")
        .containsExactly(
            List.of(model, usage, model.mergedWith(usage)),
            List.of(usage2, model2, usage2.mergedWith(model2)));
    assertStored(
        store().getObservation(PROJECT, full.id()).orElseThrow(),
        stampedCost(model.mergedWith(usage)));
    assertStored(
        store().getObservation(PROJECT, model2.id()).orElseThrow(),
        stampedCost(usage2.mergedWith(model2)));
    assertThat(store().getObservation(PROJECT, model2.id()).orElseThrow().totalCost())
        .isEqualByComparingTo("1.415");
  }

  @Test
  protected void acceptWithHook_mergesInOneBatchBuildOnTheHooksRow() {
    Trace trace = trace(traceId(1));
    Observation first = span(trace, observationId(1), at(1));
    Observation second = Observation.builder(PROJECT, first.id(), trace.id(), at(1)).build();
    Observation third = second.toBuilder().statusMessage("third").build();
    List<Observation> earlier = new ArrayList<>();
    MergeHook hook =
        (e, write, merged) -> {
          earlier.add(e);
          return merged.toBuilder().name(merged.name() + "+").build();
        };
    storage
        .observationConsumer(hook)
        .accept(WriteBatch.of(List.of(trace), List.of(first, second, third)));

    assertThat(earlier)
        .extracting(Observation::name)
        .containsExactly("support-agent.run", "support-agent.run+");
    assertThat(store().getObservation(PROJECT, first.id()).orElseThrow().name())
        .isEqualTo("support-agent.run++");
  }

  @Test
  protected void acceptWithHook_aFailingHookStoresNothingOfItsBatch() {
    Trace trace = trace(traceId(1));
    Observation created = span(trace, observationId(1), at(1));
    Observation update = created.toBuilder().statusMessage("late").build();
    Observation other = span(trace, observationId(2), at(1));
    accept(List.of(trace), List.of(created));
    MergeHook failing =
        (earlier, write, merged) -> {
          throw new IllegalStateException("no prices today");
        };

    assertThatThrownBy(
            () ->
                storage
                    .observationConsumer(failing)
                    .accept(WriteBatch.of(List.of(), List.of(other, update))))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("no prices today");
    assertTrace(trace, created);
    accept(update);
    assertTrace(trace, created.mergedWith(update));
  }

  @Test
  protected void acceptWithHook_writesRacingOnOneIdStillMergeThroughTheHook() throws Exception {
    Trace trace = trace(traceId(1));
    accept(trace);
    List<Runnable> writes = new ArrayList<>();
    ObservationConsumer priced = storage.observationConsumer((e, w, merged) -> stampedCost(merged));
    for (int i = 0; i < 100; i++) {
      Observation model =
          unpriced(generation(trace, observationId(i), at(1))).usageDetails(Map.of()).build();
      Observation usage =
          Observation.builder(PROJECT, model.id(), trace.id(), at(1))
              .usageDetails(Map.of("input", 1000L + i))
              .build();
      writes.add(() -> priced.accept(WriteBatch.of(List.of(), List.of(model))));
      writes.add(() -> priced.accept(WriteBatch.of(List.of(), List.of(usage))));
    }
    Collections.shuffle(writes, new Random(7));
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> done = new ArrayList<>();
      for (Runnable w : writes) done.add(pool.submit(w));
      for (Future<?> f : done) f.get();
    }

    for (int i = 0; i < 100; i++) {
      Observation stored = store().getObservation(PROJECT, observationId(i)).orElseThrow();
      assertThat(stored.model()).isEqualTo("gpt-4o-mini");
      assertThat(stored.totalCost())
          .as(stored.id())
          .isEqualByComparingTo(BigDecimal.valueOf(1000 + i, 3));
    }
  }

  /** The observation without its cost, as a write that carries no price. */
  private static Observation.Builder unpriced(Observation o) {
    return o.toBuilder().costDetails(Map.of()).costSource(CostSource.NONE).pricedModelId(null);
  }

  /** A stand-in pricer: 0.001 per unit of the row's total tokens once it has model and usage. */
  private static Observation stampedCost(Observation o) {
    if (o.model() == null || o.usageDetails().isEmpty()) return o;
    return o.toBuilder()
        .costDetails(Map.of("total", BigDecimal.valueOf(o.totalTokens(), 3)))
        .costSource(CostSource.CALCULATED)
        .build();
  }

  @Test
  protected void accept_childBeforeParentJoinsTheTree() {
    Trace trace = trace(traceId(1));
    List<Observation> run = agentRun(trace, 1);
    accept(run.get(4));
    accept(run.get(1), run.get(2));
    accept(run.get(0));

    assertThat(store().getTrace(PROJECT, trace.id())).as("no trace row yet").isEmpty();
    assertThat(store().getObservation(PROJECT, run.get(4).id())).contains(run.get(4));

    accept(List.of(trace), List.of(run.get(3)));
    assertTrace(trace, run.toArray(Observation[]::new));
    assertThat(getTrace(trace.id()).observations())
        .filteredOn(o -> o.parentObservationId() != null)
        .allSatisfy(o -> assertThat(o.parentObservationId()).isEqualTo(run.get(0).id()))
        .hasSize(4);
  }

  @Test
  protected void accept_observationsWithoutATraceRowDoNotMakeAVisibleTrace() {
    Trace trace = trace(traceId(1));
    accept(span(trace, observationId(1), at(1)));

    assertThat(store().getTrace(PROJECT, trace.id())).isEmpty();
    assertThat(store().searchTraces(TraceQuery.builder(PROJECT).build()).items()).isEmpty();
    assertThat(
            store()
                .searchObservations(ObservationQuery.builder(PROJECT).traceId(trace.id()).build())
                .items())
        .extracting(Observation::id)
        .containsExactly(observationId(1));
  }

  @Test
  protected void accept_observationMovedToAnotherTraceLeavesTheFirst() {
    Trace a = trace(traceId(1)), b = trace(traceId(2));
    Observation o = tool(a, observationId(1), at(1));
    Observation moved = o.toBuilder().traceId(b.id()).build();
    accept(List.of(a, b), List.of(o));
    accept(moved);

    assertTrace(a);
    assertTrace(b, o.mergedWith(moved));
  }

  @Test
  protected void accept_roundTripsOneMegabyteInputAndOutput() {
    String input = Json.quote("Summarize: " + "lorem ipsum dolor sit amet ".repeat(40_000));
    String output = "{\"summary\":" + Json.quote("é".repeat(600_000)) + "}";
    Trace trace = trace(traceId(1)).toBuilder().input(input).output(output).build();
    Observation generation =
        generation(trace, observationId(1), at(1)).toBuilder().input(input).output(output).build();
    assertThat(input.length()).isGreaterThan(1_000_000);
    accept(List.of(trace), List.of(generation));

    assertTrace(trace, generation);
  }

  @Test
  protected void accept_roundTripsUnicodeAndJsonEscapes() {
    String text = "Grüße 👋🏽 你好世界 こんにちは مرحبا שלום \u200f e\u0301 \uD834\uDD1E";
    String escapes =
        "{\"quote\":\"\\\"\",\"backslash\":\"\\\\\",\"lines\":\"a\\nb\\r\\tc\","
            + "\"control\":\"\\u0000\\u001f\",\"text\":"
            + Json.quote(text)
            + "}";
    Trace trace =
        trace(traceId(1)).toBuilder()
            .name("агент 🤖")
            .userId("用户-42")
            .sessionId("סשן-7")
            .tags(List.of("émoji 🎉", "标签"))
            .input(escapes)
            .output(Json.quote(text))
            .metadata("{\"note\":" + Json.quote(text) + "}")
            .build();
    Observation tool =
        tool(trace, observationId(1), at(1)).toBuilder()
            .name("検索 🔍")
            .statusMessage(text)
            .input(escapes)
            .output(Json.quote(text))
            .metadata("{\"ключ\":" + Json.quote(text) + "}")
            .mappingNotes(Map.of("name", text))
            .build();
    accept(List.of(trace), List.of(tool));

    assertTrace(trace, tool);
    assertThat(
            store()
                .searchTraces(
                    TraceQuery.builder(PROJECT)
                        .name("агент 🤖")
                        .userId("用户-42")
                        .tags(List.of("émoji 🎉"))
                        .build())
                .items())
        .hasSize(1);
    assertThat(
            store()
                .searchObservations(ObservationQuery.builder(PROJECT).name("検索 🔍").build())
                .items())
        .hasSize(1);
  }

  @Test
  protected void accept_roundTripsRowsWithEveryOptionalNull() {
    Trace trace = Trace.builder(PROJECT, traceId(1), at(1)).build();
    Observation bare = Observation.builder(PROJECT, observationId(1), trace.id(), at(1)).build();
    accept(List.of(trace), List.of(bare));

    assertTrace(trace, bare);
    assertThat(store().getObservation(PROJECT, bare.id())).contains(bare);
  }

  @Test
  protected void accept_storesManyTracesFromOneBatch() {
    List<Trace> traces = new ArrayList<>();
    List<Observation> observations = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      Trace t = trace(PROJECT, traceId(i), at(1).plusMillis(i));
      traces.add(t);
      observations.add(generation(t, observationId(2 * i), t.timestamp()));
      observations.add(tool(t, observationId(2 * i + 1), t.timestamp().plusMillis(1)));
    }
    accept(traces, observations);

    assertThat(store().searchTraces(TraceQuery.builder(PROJECT).build()).totalItems())
        .isEqualTo(500);
    assertThat(store().searchObservations(ObservationQuery.builder(PROJECT).build()).totalItems())
        .isEqualTo(1000);
    assertTrace(traces.get(321), observations.get(642), observations.get(643));
  }
}
