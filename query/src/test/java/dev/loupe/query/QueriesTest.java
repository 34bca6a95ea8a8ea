package dev.loupe.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.Level;
import dev.loupe.model.ObservationType;
import dev.loupe.storage.ObservationQuery;
import dev.loupe.storage.Paging;
import dev.loupe.storage.SessionQuery;
import dev.loupe.storage.SortDirection;
import dev.loupe.storage.TraceQuery;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QueriesTest {
  @Test
  void traceQuery_defaultsToNewestFirstFirstPageOf50() {
    TraceQuery q = TraceQueries.query("p1", QueryParams.EMPTY);

    assertThat(q.projectId()).isEqualTo("p1");
    assertThat(q.orderBy()).isEqualTo(TraceQuery.OrderBy.TIMESTAMP);
    assertThat(q.direction()).isEqualTo(SortDirection.DESC);
    assertThat(q.paging()).isEqualTo(new Paging(1, 50));
  }

  @Test
  void traceQuery_everyFilterReachesTheQuery() {
    TraceQuery q =
        TraceQueries.query(
            "p1",
            QueryParams.parse(
                "userId=u&name=n&tags=a&tags=b&sessionId=s"
                    + "&environment=prod&environment=dev&version=v&release=r&fromTimestamp=2025-01-01T00:00:00Z"
                    + "&toTimestamp=2025-01-02T00:00:00Z&page=3&limit=100&orderBy=userId.asc"));

    assertThat(q)
        .isEqualTo(
            TraceQuery.builder("p1")
                .userId("u")
                .name("n")
                .tags(java.util.List.of("a", "b"))
                .sessionId("s")
                .environments(java.util.List.of("prod", "dev"))
                .version("v")
                .release("r")
                .fromTimestamp(Instant.parse("2025-01-01T00:00:00Z"))
                .toTimestamp(Instant.parse("2025-01-02T00:00:00Z"))
                .orderBy(TraceQuery.OrderBy.USER_ID, SortDirection.ASC)
                .paging(3, 100)
                .build());
  }

  @Test
  void traceQuery_badOrderByOrLimitIsRejectedNamingTheParameter() {
    assertThatThrownBy(() -> TraceQueries.query("p", QueryParams.parse("orderBy=price.desc")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("orderBy: expected <field>.<asc|desc>");
    assertThatThrownBy(() -> TraceQueries.query("p", QueryParams.parse("orderBy=timestamp")))
        .hasMessageStartingWith("orderBy:");
    assertThatThrownBy(() -> TraceQueries.query("p", QueryParams.parse("orderBy=name.up")))
        .hasMessageStartingWith("orderBy:");
    assertThatThrownBy(() -> TraceQueries.query("p", QueryParams.parse("limit=101")))
        .hasMessageStartingWith("limit:");
    assertThatThrownBy(() -> TraceQueries.query("p", QueryParams.parse("page=0")))
        .hasMessageStartingWith("page:");
  }

  @Test
  void traceQuery_invertedTimeRangeIsRejected() {
    assertThatThrownBy(
            () ->
                TraceQueries.query(
                    "p", QueryParams.parse("fromTimestamp=2025-01-02&toTimestamp=2025-01-01")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fromTimestamp");
  }

  @Test
  void anyQuery_jsonFilterParameterIsRejectedNotIgnored() {
    assertThatThrownBy(() -> TraceQueries.query("p", QueryParams.parse("filter=%5B%5D")))
        .hasMessageStartingWith("filter: not supported");
  }

  @Test
  void observationQuery_parsesTypeAndLevelCaseInsensitively() {
    ObservationQuery q =
        ObservationQueries.query(
            "p1",
            QueryParams.parse(
                "type=generation&level=error"
                    + "&traceId=t&parentObservationId=o&fromStartTime=2025-01-01&limit=10"));

    assertThat(q.type()).isEqualTo(ObservationType.GENERATION);
    assertThat(q.level()).isEqualTo(Level.ERROR);
    assertThat(q.traceId()).isEqualTo("t");
    assertThat(q.parentObservationId()).isEqualTo("o");
    assertThat(q.fromStartTime()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    assertThat(q.paging()).isEqualTo(new Paging(1, 10));
  }

  @Test
  void observationQuery_unknownEnumValuesAreRejectedNamingTheParameter() {
    assertThatThrownBy(() -> ObservationQueries.query("p", QueryParams.parse("type=LLM")))
        .hasMessageStartingWith("type: unknown value 'LLM'");
    assertThatThrownBy(() -> ObservationQueries.query("p", QueryParams.parse("level=INFO")))
        .hasMessageStartingWith("level: unknown value 'INFO'");
  }

  @Test
  void observationQuery_takesTheObservationsViewsFiltersAndOrders() {
    ObservationQuery q =
        ObservationQueries.query(
            "p1",
            QueryParams.parse(
                "sessionId=s&tags=a&tags=b&environment=prod&environment=dev&release=r1&q=chat"
                    + "&minCost=0.5&maxCost=2&minLatency=0.25&maxLatency=3&orderBy=cost.asc"));

    assertThat(q.sessionId()).isEqualTo("s");
    assertThat(q.tags()).containsExactly("a", "b");
    assertThat(q.environments()).containsExactly("prod", "dev");
    assertThat(q.release()).isEqualTo("r1");
    assertThat(q.search()).isEqualTo("chat");
    assertThat(q.minCost()).isEqualByComparingTo("0.5");
    assertThat(q.maxCost()).isEqualByComparingTo("2");
    assertThat(q.minLatency()).isEqualTo(java.time.Duration.ofMillis(250));
    assertThat(q.maxLatency()).isEqualTo(java.time.Duration.ofSeconds(3));
    assertThat(q.orderBy()).isEqualTo(ObservationQuery.OrderBy.COST);
    assertThat(q.direction()).isEqualTo(dev.loupe.storage.SortDirection.ASC);
    assertThat(
            ObservationQueries.query("p1", QueryParams.parse("orderBy=startTime.desc")).orderBy())
        .isEqualTo(ObservationQuery.OrderBy.START_TIME);
  }

  @Test
  void observationQuery_badOrderOrBoundIsRejectedNamingTheParameter() {
    assertThatThrownBy(() -> ObservationQueries.query("p", QueryParams.parse("orderBy=name.asc")))
        .hasMessageStartingWith("orderBy: expected <field>.<asc|desc> with field one of startTime");
    assertThatThrownBy(() -> ObservationQueries.query("p", QueryParams.parse("orderBy=cost")))
        .hasMessageStartingWith("orderBy:");
    assertThatThrownBy(() -> ObservationQueries.query("p", QueryParams.parse("minCost=-1")))
        .hasMessageStartingWith("minCost: must be between 0");
    assertThatThrownBy(() -> ObservationQueries.query("p", QueryParams.parse("maxLatency=abc")))
        .hasMessageStartingWith("maxLatency: not a number");
  }

  @Test
  void sessionQuery_takesOneEnvironment() {
    SessionQuery q = SessionQueries.query("p1", QueryParams.parse("environment=prod&page=2"));

    assertThat(q.environment()).isEqualTo("prod");
    assertThat(q.paging()).isEqualTo(new Paging(2, 50));
    assertThatThrownBy(
            () -> SessionQueries.query("p", QueryParams.parse("environment=a&environment=b")))
        .hasMessageStartingWith("environment:");
  }
}
