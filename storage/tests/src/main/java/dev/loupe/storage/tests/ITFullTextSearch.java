package dev.loupe.storage.tests;

import static dev.loupe.storage.tests.TestObjects.OTHER_PROJECT;
import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static dev.loupe.storage.tests.TestObjects.at;
import static dev.loupe.storage.tests.TestObjects.generation;
import static dev.loupe.storage.tests.TestObjects.observationId;
import static dev.loupe.storage.tests.TestObjects.trace;
import static dev.loupe.storage.tests.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.ObservationQuery;
import dev.loupe.storage.Page;
import dev.loupe.storage.Storage;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.TraceSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The full-text filter ({@code fullText}, {@link dev.loupe.storage.FullText}) of trace and
 * observation search: a term found ignoring case in the name, the input or the output, including
 * text inside JSON strings nested in others (escapes decoded); combined with every other filter,
 * the time range and paging; never across projects.
 */
public abstract class ITFullTextSearch<S extends Storage> extends ITStorage<S> {
  private static final String T1 = traceId(41), T2 = traceId(42), T3 = traceId(43);
  private static final String T4 = traceId(44), OTHER = traceId(45);
  private static final String O1 = observationId(41), O2 = observationId(42);
  private static final String O3 = observationId(43), O4 = observationId(44);
  private static final String O_OTHER = observationId(45);

  /**
   * T1 (hour 1): input mentions the refund; T2 (hour 2): output mentions it, with a quote and a
   * newline; T3 (hour 3): nothing; T4 (hour 4): the word only in a tool call's JSON-in-JSON
   * arguments; OTHER: project B with the same words everywhere. One generation under each, with the
   * same texts.
   */
  private void given() {
    Trace t1 = trace(PROJECT, T1, at(1)).toBuilder().name("triage").build();
    t1 = t1.toBuilder().input("{\"content\":\"Where is my REFUND for order 77?\"}").build();
    Trace t2 = trace(PROJECT, T2, at(2)).toBuilder().name("reply").build();
    t2 =
        t2.toBuilder()
            .input("{\"content\":\"hello\"}")
            .output("\"Your \\\"refund\\\" was sent.\\nAnything else? Café ☕\"")
            .build();
    Trace t3 =
        trace(PROJECT, T3, at(3)).toBuilder()
            .name("smalltalk")
            .input("{\"content\":\"nice weather\"}")
            .output("\"indeed\"")
            .build();
    Trace t4 =
        trace(PROJECT, T4, at(4)).toBuilder()
            .name("tools")
            .input("[{\"role\":\"user\",\"content\":\"status?\"}]")
            .output(
                "{\"tool_calls\":[{\"name\":\"lookup\","
                    + "\"arguments\":\"{\\\"query\\\":\\\"pending Refund\\\"}\"}]}")
            .build();
    Trace other =
        trace(OTHER_PROJECT, OTHER, at(2)).toBuilder()
            .name("refund")
            .input("{\"content\":\"refund refund\"}")
            .output("\"refund\"")
            .build();
    List<Observation> observations = new ArrayList<>();
    observations.add(like(generation(t1, O1, at(1)), t1));
    observations.add(like(generation(t2, O2, at(2)), t2));
    observations.add(like(generation(t3, O3, at(3)), t3));
    observations.add(like(generation(t4, O4, at(4)), t4));
    observations.add(like(generation(other, O_OTHER, at(2)), other));
    accept(List.of(t1, t2, t3, t4, other), observations);
  }

  /** The generation with its trace's name, input and output. */
  private static Observation like(Observation o, Trace t) {
    return o.toBuilder().name(t.name()).input(t.input()).output(t.output()).build();
  }

  @Test
  protected void tracesMatchInInputOutputAndNestedJsonStringsIgnoringCase() {
    given();

    assertThat(traces(q -> q.fullText("refund"))).containsExactly(T4, T2, T1);
    assertThat(traces(q -> q.fullText("REFUND for ORDER"))).containsExactly(T1);
    assertThat(traces(q -> q.fullText("pending refund"))).containsExactly(T4);
  }

  @Test
  protected void escapesAreDecodedSoQuotesNewlinesAndAccentsMatchAsShown() {
    given();

    assertThat(traces(q -> q.fullText("\"refund\" was"))).containsExactly(T2);
    assertThat(traces(q -> q.fullText("sent.\nanything"))).containsExactly(T2);
    assertThat(traces(q -> q.fullText("CAFÉ ☕"))).containsExactly(T2);
    assertThat(observations(q -> q.fullText("café"))).containsExactly(O2);
  }

  @Test
  protected void theNameMatchesToo() {
    given();

    assertThat(traces(q -> q.fullText("SMALLTALK"))).containsExactly(T3);
    assertThat(observations(q -> q.fullText("smallTalk"))).containsExactly(O3);
  }

  @Test
  protected void noMatchIsAnEmptyPage() {
    given();

    Page<TraceSummary> none =
        store().searchTraces(TraceQuery.builder(PROJECT).fullText("no such words").build());
    assertThat(none.items()).isEmpty();
    assertThat(none.totalItems()).isZero();
    Page<Observation> noObservations =
        store()
            .searchObservations(ObservationQuery.builder(PROJECT).fullText("zzz-nothing").build());
    assertThat(noObservations.items()).isEmpty();
    assertThat(noObservations.totalItems()).isZero();
  }

  @Test
  protected void anotherProjectsRowsNeverMatch() {
    given();

    assertThat(
            store()
                .searchTraces(TraceQuery.builder(PROJECT).fullText("refund refund").build())
                .totalItems())
        .isZero();
    assertThat(traces(q -> q.fullText("refund"))).doesNotContain(OTHER);
    assertThat(observations(q -> q.fullText("refund"))).doesNotContain(O_OTHER);
    Page<TraceSummary> b =
        store().searchTraces(TraceQuery.builder(OTHER_PROJECT).fullText("refund").build());
    assertThat(ids(b, s -> s.trace().id())).containsExactly(OTHER);
  }

  @Test
  protected void observationsMatchInInputOutputAndNestedJsonStrings() {
    given();

    assertThat(observations(q -> q.fullText("Refund"))).containsExactly(O4, O2, O1);
    assertThat(observations(q -> q.fullText("\\\"query"))).isEmpty(); // escapes are decoded
    assertThat(observations(q -> q.fullText("\"query\":\"pending"))).containsExactly(O4);
  }

  @Test
  protected void combinesWithTheTimeRangeAndOtherFilters() {
    given();

    assertThat(traces(q -> q.fullText("refund").fromTimestamp(at(2)).toTimestamp(at(4))))
        .containsExactly(T2);
    assertThat(traces(q -> q.fullText("refund").name("triage"))).containsExactly(T1);
    assertThat(traces(q -> q.fullText("refund").search("tool"))).containsExactly(T4);
    assertThat(observations(q -> q.fullText("refund").fromStartTime(at(2))))
        .containsExactly(O4, O2);
    assertThat(observations(q -> q.fullText("refund").traceId(T1))).containsExactly(O1);
  }

  @Test
  protected void pagesTheMatchesWithTheirCount() {
    given();

    Page<TraceSummary> first =
        store().searchTraces(TraceQuery.builder(PROJECT).fullText("refund").paging(1, 2).build());
    Page<TraceSummary> second =
        store().searchTraces(TraceQuery.builder(PROJECT).fullText("refund").paging(2, 2).build());
    Page<TraceSummary> past =
        store().searchTraces(TraceQuery.builder(PROJECT).fullText("refund").paging(3, 2).build());
    assertThat(ids(first, s -> s.trace().id())).containsExactly(T4, T2);
    assertThat(ids(second, s -> s.trace().id())).containsExactly(T1);
    assertThat(past.items()).isEmpty();
    assertThat(List.of(first.totalItems(), second.totalItems(), past.totalItems()))
        .containsOnly(3L);

    Page<Observation> o2 =
        store()
            .searchObservations(
                ObservationQuery.builder(PROJECT).fullText("refund").paging(2, 2).build());
    assertThat(ids(o2, Observation::id)).containsExactly(O1);
    assertThat(o2.totalItems()).isEqualTo(3);
  }

  private List<String> traces(UnaryOperator<TraceQuery.Builder> q) {
    Page<TraceSummary> page = store().searchTraces(q.apply(TraceQuery.builder(PROJECT)).build());
    assertThat(page.totalItems()).isEqualTo(page.items().size());
    return ids(page, s -> s.trace().id());
  }

  private List<String> observations(UnaryOperator<ObservationQuery.Builder> q) {
    Page<Observation> page =
        store().searchObservations(q.apply(ObservationQuery.builder(PROJECT)).build());
    assertThat(page.totalItems()).isEqualTo(page.items().size());
    return ids(page, Observation::id);
  }
}
