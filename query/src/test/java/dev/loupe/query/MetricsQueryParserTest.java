package dev.loupe.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.storage.SortDirection;
import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.FilterOperator;
import dev.loupe.storage.analytics.Granularity;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.MetricFilter;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricsQueryParserTest {
  static final String WINDOW =
      "\"fromTimestamp\":\"2025-01-01T00:00:00Z\",\"toTimestamp\":\"2025-01-08T00:00:00Z\"";
  static final String COUNT = "\"metrics\":[{\"measure\":\"count\",\"aggregation\":\"count\"}]";

  static MetricsQuery parse(String json) {
    return MetricsQueryParser.parse("p1", json.replace('\'', '"'));
  }

  static String query(String... parts) {
    return "{" + String.join(",", parts) + "}";
  }

  @Test
  void parse_timestampMinAndMaxOrderedByLastSeen() {
    MetricsQuery q =
        parse(
            query(
                "'view':'traces'",
                WINDOW,
                "'dimensions':[{'field':'userId'}]",
                "'metrics':[{'measure':'timestamp','aggregation':'min'},"
                    + "{'measure':'timestamp','aggregation':'max'}]",
                "'orderBy':[{'field':'max_timestamp','direction':'desc'}]"));

    assertThat(q)
        .isEqualTo(
            MetricsQuery.builder(
                    "p1",
                    MetricsView.TRACES,
                    Instant.parse("2025-01-01T00:00:00Z"),
                    Instant.parse("2025-01-08T00:00:00Z"))
                .dimension(Dimension.USER_ID)
                .metric(Measure.TIMESTAMP, Aggregation.MIN)
                .metric(Measure.TIMESTAMP, Aggregation.MAX)
                .orderBy("max_timestamp", SortDirection.DESC)
                .build());
    assertThat(
            parse(
                    query(
                        "'view':'observations'",
                        WINDOW,
                        "'metrics':[{'measure':'timestamp','aggregation':'max'}]"))
                .metrics())
        .singleElement()
        .satisfies(m -> assertThat(m.measure()).isEqualTo(Measure.TIMESTAMP));
  }

  @Test
  void parse_fullLangfuseQueryBecomesTheEqualStorageQuery() {
    MetricsQuery q =
        parse(
            """
            {'view':'observations',
             'dimensions':[{'field':'providedModelName'},{'field':'name'}],
             'metrics':[{'measure':'totalCost','aggregation':'sum'},
                        {'measure':'latency','aggregation':'p95'}],
             'filters':[{'column':'traceName','operator':'=','value':'chat','type':'string'},
                        {'column':'tags','operator':'any of','value':['a','b'],'type':'arrayOptions'},
                        {'column':'level','operator':'none of','value':['ERROR'],'type':'stringOptions'}],
             'timeDimension':{'granularity':'day'},
             'fromTimestamp':'2025-01-01T00:00:00Z','toTimestamp':'2025-01-08T00:00:00.000Z',
             'orderBy':[{'field':'sum_totalCost','direction':'DESC'},{'field':'time_dimension','direction':'asc'}],
             'config':{'row_limit':100,'bins':10}}
            """);

    MetricsQuery expected =
        MetricsQuery.builder(
                "p1",
                MetricsView.OBSERVATIONS,
                Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2025-01-08T00:00:00Z"))
            .dimension(Dimension.PROVIDED_MODEL_NAME)
            .dimension(Dimension.NAME)
            .metric(Measure.TOTAL_COST, Aggregation.SUM)
            .metric(Measure.LATENCY, Aggregation.P95)
            .filter(Dimension.TRACE_NAME, FilterOperator.EQ, "chat")
            .filter(Dimension.TAGS, FilterOperator.ANY_OF, "a", "b")
            .filter(Dimension.LEVEL, FilterOperator.NONE_OF, "ERROR")
            .granularity(Granularity.DAY)
            .orderBy("sum_totalCost", SortDirection.DESC)
            .orderBy("time", SortDirection.ASC)
            .rowLimit(100)
            .build();
    assertThat(q).isEqualTo(expected);
  }

  @Test
  void parse_minimalQueryHasNoGroupingDefaultRowsAndNoGranularity() {
    MetricsQuery q = parse(query("'view':'traces'", COUNT, WINDOW));

    assertThat(q.view()).isEqualTo(MetricsView.TRACES);
    assertThat(q.dimensions()).isEmpty();
    assertThat(q.filters()).isEmpty();
    assertThat(q.granularity()).isNull();
    assertThat(q.rowLimit()).isEqualTo(MetricsQuery.DEFAULT_ROWS);
    assertThat(q.projectId()).isEqualTo("p1");
  }

  @Test
  void parse_aliasesMapToCanonicalDimensions() {
    MetricsQuery obs =
        parse(
            query(
                "'view':'observations'",
                "'dimensions':[{'field':'model'}]",
                "'orderBy':[{'field':'model','direction':'asc'}]",
                COUNT,
                WINDOW));
    MetricsQuery traces =
        parse(
            query(
                "'view':'traces'",
                "'filters':[{'column':'traceName','operator':'starts with','value':'ag'}]",
                COUNT,
                WINDOW));

    assertThat(obs.dimensions()).containsExactly(Dimension.PROVIDED_MODEL_NAME);
    assertThat(obs.orderBy().get(0).field()).isEqualTo("providedModelName");
    assertThat(traces.filters())
        .containsExactly(
            new MetricFilter(Dimension.NAME, FilterOperator.STARTS_WITH, List.of("ag")));
  }

  @Test
  void parse_filterValuesMayBeNumbersSingleStringsForListsOrAbsentForNullTests() {
    MetricsQuery q =
        parse(
            query(
                "'view':'observations'",
                "'filters':[{'column':'version','operator':'=','value':3},"
                    + "{'column':'userId','operator':'any of','value':'u1'},"
                    + "{'column':'sessionId','operator':'is null','value':''},"
                    + "{'column':'release','operator':'is not null'}]",
                COUNT,
                WINDOW));

    assertThat(q.filters())
        .containsExactly(
            new MetricFilter(Dimension.VERSION, FilterOperator.EQ, List.of("3")),
            new MetricFilter(Dimension.USER_ID, FilterOperator.ANY_OF, List.of("u1")),
            new MetricFilter(Dimension.SESSION_ID, FilterOperator.IS_NULL, List.of()),
            new MetricFilter(Dimension.RELEASE, FilterOperator.IS_NOT_NULL, List.of()));
  }

  @ParameterizedTest
  @CsvSource({
    "2025-01-01T00:00:00Z, 2025-01-01T02:00:00Z, MINUTE",
    "2025-01-01T00:00:00Z, 2025-01-01T02:00:01Z, HOUR",
    "2025-01-01T00:00:00Z, 2025-01-04T00:00:00Z, HOUR",
    "2025-01-01T00:00:00Z, 2025-01-04T00:00:01Z, DAY",
    "2025-01-01T00:00:00Z, 2025-03-02T00:00:00Z, DAY",
    "2025-01-01T00:00:00Z, 2025-03-03T00:00:00Z, WEEK",
    "2025-01-01T00:00:00Z, 2026-01-01T00:00:00Z, WEEK",
    "2025-01-01T00:00:00Z, 2026-01-01T00:00:01Z, MONTH",
  })
  void autoGranularity_picksByWindowLength(Instant from, Instant to, Granularity expected) {
    assertThat(MetricsQueryParser.autoGranularity(from, to)).isEqualTo(expected);
    String json =
        query(
            "'view':'traces'",
            COUNT,
            "'timeDimension':{'granularity':'auto'}",
            "'fromTimestamp':'" + from + "'",
            "'toTimestamp':'" + to + "'");
    assertThat(parse(json).granularity()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "not json | query: malformed JSON: not JSON",
        "[1] | query: $: expected an object, got array",
        "{'view':'traces','metric':[]} | query: metric: unknown field (allowed: config, dimensions,"
            + " filters, fromTimestamp, metrics, orderBy, timeDimension, toTimestamp, view)",
        "{} | query: view: required",
        // issue 14 made scores-numeric a view: an unknown view is still refused, naming them all
        "{'view':'dataset-runs'} | query: view: unknown view 'dataset-runs' (allowed: traces,"
            + " observations, scores-numeric, scores-categorical)",
        "{'view':'traces'} | query: fromTimestamp: required",
        "{'view':'traces','fromTimestamp':'yesterday'} | query: fromTimestamp: not an ISO-8601"
            + " timestamp: 'yesterday'",
        "{'view':'traces','fromTimestamp':5} | query: fromTimestamp: expected a string, got number",
        "{'view':'traces','fromTimestamp':'2025-01-02','toTimestamp':'2025-01-02'} | query:"
            + " toTimestamp: must be after fromTimestamp",
        "{'view':'traces',WINDOW} | query: metrics: at least one metric is required",
        "{'view':'traces',WINDOW,'metrics':{}} | query: metrics: expected an array, got object",
        "{'view':'traces',WINDOW,'metrics':[{'measure':'count','aggregation':'count'},"
            + "{'measure':'latency','aggregation':'median'}]} | query: metrics[1].aggregation: unknown"
            + " aggregation 'median' (allowed: sum, avg, count, min, max, p50, p75, p90, p95, p99,"
            + " uniq)",
        "{'view':'traces',WINDOW,'metrics':[{'measure':'timeToFirstToken','aggregation':'avg'}]} |"
            + " query: metrics[0].measure: unknown measure 'timeToFirstToken' for view traces",
        "{'view':'observations',WINDOW,'metrics':[{'measure':'traceId','aggregation':'sum'}]} |"
            + " query: metrics[0].aggregation: sum does not apply to measure traceId (use count or"
            + " uniq)",
        "{'view':'traces',WINDOW,'metrics':[{'measure':'timestamp','aggregation':'avg'}]} |"
            + " query: metrics[0].aggregation: avg does not apply to measure timestamp (use min or"
            + " max)",
        "{'view':'observations',WINDOW,'metrics':[{'measure':'timestamp','aggregation':'p95'}]} |"
            + " query: metrics[0].aggregation: p95 does not apply to measure timestamp (use min or"
            + " max)",
        "{'view':'observations',WINDOW,'metrics':[{'measure':'count'}]} | query:"
            + " metrics[0].aggregation: required",
        "{'view':'observations',WINDOW,COUNT,'dimensions':[{'field':'color'}]} | query:"
            + " dimensions[0].field: unknown dimension 'color' for view observations",
        "{'view':'observations',WINDOW,COUNT,'dimensions':['name']} | query: dimensions[0]:"
            + " expected an object, got string",
        "{'view':'observations',WINDOW,COUNT,'dimensions':[{'field':'tags'}]} | query: dimensions:"
            + " tags cannot group view observations",
        "{'view':'observations',WINDOW,COUNT,'dimensions':[{'field':'name'},{'field':'name'}]} |"
            + " query: dimensions: name twice",
        "{'view':'observations',WINDOW,COUNT,'filters':[{'column':'name','operator':'like','value':'x'}]}"
            + " | query: filters[0].operator: unknown operator 'like'",
        "{'view':'observations',WINDOW,COUNT,'filters':[{'column':'name','operator':'=','value':['a']}]}"
            + " | query: filters[0].value: = takes one value, not an array",
        "{'view':'observations',WINDOW,COUNT,'filters':[{'column':'name','operator':'='}]} | query:"
            + " filters[0].value: required for =",
        "{'view':'observations',WINDOW,COUNT,'filters':[{'column':'name','operator':'any of','value':[]}]}"
            + " | query: filters[0].value: any of needs at least one value",
        "{'view':'observations',WINDOW,COUNT,'filters':[{'column':'name','operator':'any of','value':[{}]}]}"
            + " | query: filters[0].value[0]: expected a string or number, got object",
        "{'view':'observations',WINDOW,COUNT,'filters':[{'column':'name','operator':'is null','value':'x'}]}"
            + " | query: filters[0].value: is null takes no value",
        "{'view':'observations',WINDOW,COUNT,'filters':[{'column':'tags','operator':'=','value':'x'}]}"
            + " | query: filters[0].operator: tags take any of, none of or all of, not =",
        "{'view':'observations',WINDOW,COUNT,'filters':[{'column':'name','operator':'all of','value':['x']}]}"
            + " | query: filters[0].operator: all of applies to tags only",
        "{'view':'observations',WINDOW,COUNT,'filters':[{'column':'metadata','operator':'=','value':'x','key':'k'}]}"
            + " | query: filters[0].key: filters on object keys (metadata) are not supported",
        "{'view':'observations',WINDOW,COUNT,'timeDimension':{'granularity':'year'}} | query:"
            + " timeDimension.granularity: unknown granularity 'year' (allowed: auto, minute, hour,"
            + " day, week, month)",
        "{'view':'observations',WINDOW,COUNT,'timeDimension':{}} | query:"
            + " timeDimension.granularity: required",
        "{'view':'observations',WINDOW,COUNT,'orderBy':[{'field':'count_count','direction':'up'}]}"
            + " | query: orderBy[0].direction: expected asc or desc, got 'up'",
        "{'view':'observations',WINDOW,COUNT,'orderBy':[{'field':'sum_cost','direction':'asc'}]} |"
            + " query: orderBy: 'sum_cost' is neither a dimension, the time dimension nor a metric",
        "{'view':'observations',WINDOW,COUNT,'orderBy':[{'field':'time_dimension','direction':'asc'}]}"
            + " | query: orderBy: 'time' is neither a dimension, the time dimension nor a metric",
        "{'view':'observations',WINDOW,COUNT,'config':{'row_limit':0}} | query: config.row_limit:"
            + " must be an integer 1..10000, got 0",
        "{'view':'observations',WINDOW,COUNT,'config':{'row_limit':'10'}} | query:"
            + " config.row_limit: must be an integer 1..10000, got \"10\"",
        "{'view':'observations',WINDOW,COUNT,'config':{'bins':'x'}} | query: config.bins: expected"
            + " an integer, got string",
      })
  void parse_rejectsBadQueriesNamingThePathAndReason(String json, String message) {
    String full = json.replace("WINDOW", WINDOW).replace("COUNT", COUNT);

    assertThatThrownBy(() -> parse(full))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith(message)
        .extracting(e -> ((InvalidParameterException) e).parameter())
        .isEqualTo("query");
  }

  @Test
  void parse_missingQueryIsRequired() {
    assertThatThrownBy(() -> MetricsQueryParser.parse("p1", null))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("query: required (a JSON metrics query)");
    assertThatThrownBy(() -> MetricsQueryParser.parse("p1", "  "))
        .hasMessage("query: required (a JSON metrics query)");
  }
}
