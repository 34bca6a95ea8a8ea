package dev.loupe.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.query.DailyMetrics.Day;
import dev.loupe.query.DailyMetrics.ModelUsage;
import dev.loupe.storage.InMemoryStorage;
import dev.loupe.storage.Page;
import dev.loupe.storage.WriteBatch;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hand-computed daily metrics over a small dataset in the reference storage. */
class DailyMetricsTest {
  static final Clock NOW = Clock.fixed(Instant.parse("2025-03-10T12:00:00Z"), ZoneOffset.UTC);
  static final LocalDate D1 = LocalDate.parse("2025-03-01");
  static final LocalDate D2 = LocalDate.parse("2025-03-02");
  static final LocalDate D4 = LocalDate.parse("2025-03-04");

  final InMemoryStorage storage = new InMemoryStorage();
  final DailyMetrics daily = new DailyMetrics(storage.analyticsStore(), NOW);

  static Instant at(String t) {
    return Instant.parse(t);
  }

  static Trace trace(String id, String time, String name, String user, String env, String... tags) {
    return Trace.builder("p1", id, at(time))
        .name(name)
        .userId(user)
        .environment(env)
        .tags(List.of(tags))
        .build();
  }

  static Observation gen(
      String id,
      String trace,
      String time,
      String model,
      Map<String, Long> usage,
      String... costs) {
    Map<String, BigDecimal> cost = new LinkedHashMap<>();
    for (int i = 0; i < costs.length; i += 2) cost.put(costs[i], new BigDecimal(costs[i + 1]));
    return Observation.builder("p1", id, trace, at(time))
        .type(ObservationType.GENERATION)
        .model(model)
        .endTime(at(time).plusSeconds(1))
        .usageDetails(usage)
        .costDetails(cost)
        .build();
  }

  static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }

  @BeforeEach
  void load() {
    load(storage);
  }

  /** Four traces over three days in p1 (plus one in p2), with priced and unpriced generations. */
  static void load(InMemoryStorage storage) {
    List<Trace> traces =
        List.of(
            trace("t1", "2025-03-01T10:00:00Z", "chat", "u1", "default", "a", "b"),
            trace("t2", "2025-03-01T23:00:00Z", "chat", "u2", "default", "a"),
            trace("t3", "2025-03-02T09:00:00Z", "agent", "u1", "default", "b"),
            trace("t4", "2025-03-04T12:00:00Z", "chat", "u1", "prod", "a", "b"),
            Trace.builder("p2", "x1", at("2025-03-01T10:00:00Z")).name("chat").build());
    List<Observation> observations =
        List.of(
            gen(
                "o1",
                "t1",
                "2025-03-01T10:00:01Z",
                "gpt-4o",
                Map.of("input", 100L, "output", 50L),
                "input",
                "0.001",
                "output",
                "0.002"),
            gen(
                "o2",
                "t1",
                "2025-03-01T10:00:02Z",
                "claude",
                Map.of("input", 10L, "output", 5L, "input_cached_tokens", 4L),
                "total",
                "0.0005"),
            Observation.builder("p1", "o3", "t1", at("2025-03-01T10:00:03Z")).name("span").build(),
            gen(
                "o4",
                "t2",
                "2025-03-01T23:30:00Z",
                "gpt-4o",
                Map.of("input", 200L, "output", 100L),
                "input",
                "0.002",
                "output",
                "0.004"),
            gen("o5", "t2", "2025-03-02T00:10:00Z", "gpt-4o", Map.of("input", 1L, "output", 1L)),
            gen(
                "o6",
                "t3",
                "2025-03-02T09:00:00Z",
                "claude",
                Map.of("input", 30L, "output", 10L),
                "input",
                "0.001",
                "output",
                "0.0005"),
            gen(
                    "o7",
                    "t4",
                    "2025-03-04T12:00:00Z",
                    "gpt-4o",
                    Map.of("input", 5L, "output", 5L),
                    "input",
                    "0.0001")
                .toBuilder()
                .environment("prod")
                .build(),
            gen("o8", "t4", "2025-03-20T12:00:00Z", "gpt-4o", Map.of("input", 7L), "input", "1"),
            Observation.builder("p2", "x-o1", "x1", at("2025-03-01T10:00:00Z"))
                .model("gpt-4o")
                .build());
    storage.observationConsumer().accept(WriteBatch.of(traces, observations));
  }

  Page<Day> page(String query) {
    return daily.page("p1", QueryParams.parse(query));
  }

  static void assertDays(Page<Day> page, Day... expected) {
    assertThat(page.items())
        .usingRecursiveFieldByFieldElementComparator(
            org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration.builder()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .build())
        .containsExactly(expected);
  }

  @Test
  void page_everyDayNewestFirstWithUsagePerModelByCost() {
    Page<Day> page = page("");

    assertDays(
        page,
        new Day(
            D4,
            1,
            1,
            dec("0.0001"),
            List.of(new ModelUsage("gpt-4o", 5, 5, 10, 1, 1, dec("0.0001")))),
        new Day(
            D2,
            1,
            2,
            dec("0.0015"),
            List.of(
                new ModelUsage("claude", 30, 10, 40, 1, 1, dec("0.0015")),
                new ModelUsage("gpt-4o", 1, 1, 2, 1, 1, dec("0")))),
        new Day(
            D1,
            2,
            4,
            dec("0.0095"),
            List.of(
                new ModelUsage("gpt-4o", 300, 150, 450, 2, 2, dec("0.009")),
                new ModelUsage("claude", 14, 5, 19, 1, 1, dec("0.0005")))));
    assertThat(page.totalItems()).isEqualTo(3);
    assertThat(page.limit()).isEqualTo(50);
  }

  @Test
  void page_isPagedLikeLangfuse() {
    Page<Day> first = page("limit=2");
    Page<Day> second = page("limit=2&page=2");

    assertThat(first.items()).extracting(Day::date).containsExactly(D4, D2);
    assertThat(second.items()).extracting(Day::date).containsExactly(D1);
    assertThat(second.items().get(0).usage())
        .extracting(ModelUsage::model)
        .containsExactly("gpt-4o", "claude");
    assertThat(first.totalPages()).isEqualTo(2);
    assertThat(page("page=3&limit=2").items()).isEmpty();
  }

  @Test
  void page_traceNameAndTagsFilterTracesAndTheirObservations() {
    assertDays(
        page("traceName=chat&tags=a&tags=b"),
        new Day(
            D4,
            1,
            1,
            dec("0.0001"),
            List.of(new ModelUsage("gpt-4o", 5, 5, 10, 1, 1, dec("0.0001")))),
        new Day(
            D1,
            1,
            3,
            dec("0.0035"),
            List.of(
                new ModelUsage("gpt-4o", 100, 50, 150, 1, 1, dec("0.003")),
                new ModelUsage("claude", 14, 5, 19, 1, 1, dec("0.0005")))));
  }

  @Test
  void page_dayWithObservationsButNoTraceIsListed() {
    assertDays(
        page("userId=u2"),
        new Day(D2, 0, 1, dec("0"), List.of(new ModelUsage("gpt-4o", 1, 1, 2, 1, 1, dec("0")))),
        new Day(
            D1,
            1,
            1,
            dec("0.006"),
            List.of(new ModelUsage("gpt-4o", 200, 100, 300, 1, 1, dec("0.006")))));
  }

  @Test
  void page_environmentAndWindowNarrowTheDays() {
    assertThat(page("environment=prod").items()).extracting(Day::date).containsExactly(D4);
    assertThat(page("fromTimestamp=2025-03-02&toTimestamp=2025-03-03").items())
        .extracting(Day::date, Day::countTraces, Day::countObservations)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(D2, 1L, 2L));
  }

  @Test
  void page_defaultWindowEndsADayAfterNowAndAnExplicitEndReachesFurther() {
    assertThat(page("").items())
        .extracting(Day::date)
        .doesNotContain(LocalDate.parse("2025-03-20"));
    assertThat(page("toTimestamp=2025-04-01").items().get(0))
        .isEqualTo(
            new Day(
                LocalDate.parse("2025-03-20"),
                0,
                1,
                dec("1"),
                List.of(new ModelUsage("gpt-4o", 7, 0, 7, 1, 1, dec("1")))));
  }

  @Test
  void page_splitsWindowsWhoseAnswerReachesTheRowLimit() {
    DailyMetrics small = new DailyMetrics(storage.analyticsStore(), NOW, 3);

    Page<Day> split = small.page("p1", QueryParams.EMPTY);

    assertThat(split).isEqualTo(page(""));
  }

  @Test
  void page_moreModelsInOneDayThanTheRowLimitIsAnError() {
    DailyMetrics tiny = new DailyMetrics(storage.analyticsStore(), NOW, 2);

    assertThatThrownBy(() -> tiny.page("p1", QueryParams.EMPTY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("more than 1 rows for one day from 2025-03-01T00:00:00Z");
  }

  @Test
  void page_badParametersAreRejectedNamingTheParameter() {
    assertThatThrownBy(() -> page("fromTimestamp=2025-03-02&toTimestamp=2025-03-01"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("toTimestamp: must be after fromTimestamp");
    assertThatThrownBy(() -> page("limit=101"))
        .hasMessage("limit: must be between 1 and 100, got 101");
    assertThatThrownBy(() -> page("filter=[]")).hasMessageStartingWith("filter: not supported");
    assertThatThrownBy(() -> page("fromTimestamp=soon"))
        .hasMessage("fromTimestamp: not an ISO-8601 timestamp: 'soon'");
  }
}
