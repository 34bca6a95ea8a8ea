package dev.loupe.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.query.json.MetricsJson;
import dev.loupe.storage.InMemoryStorage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The metrics endpoint's parts end to end: URL parameter, reference storage, JSON answer. */
class MetricsQueriesTest {
  final InMemoryStorage storage = new InMemoryStorage();
  final MetricsQueries metrics = new MetricsQueries(storage.analyticsStore());

  String answer(String json) {
    String raw = "query=" + URLEncoder.encode(json.replace('\'', '"'), StandardCharsets.UTF_8);
    return new String(
        MetricsJson.rows(metrics.query("p1", QueryParams.parse(raw))), StandardCharsets.UTF_8);
  }

  @Test
  void query_costAndCountByModelFromTheStore() {
    DailyMetricsTest.load(storage);

    String json =
        answer(
            "{'view':'observations','dimensions':[{'field':'model'}],"
                + "'metrics':[{'measure':'totalCost','aggregation':'sum'},"
                + "{'measure':'count','aggregation':'count'}],"
                + "'filters':[{'column':'type','operator':'=','value':'GENERATION'}],"
                + "'fromTimestamp':'2025-03-01T00:00:00Z','toTimestamp':'2025-03-05T00:00:00Z',"
                + "'orderBy':[{'field':'sum_totalCost','direction':'desc'}]}");

    assertThat(json)
        .isEqualTo(
            "{\"data\":[{\"providedModelName\":\"gpt-4o\",\"sum_totalCost\":0.0091,\"count_count\":4},"
                + "{\"providedModelName\":\"claude\",\"sum_totalCost\":0.002,\"count_count\":2}]}");
  }

  @Test
  void query_autoGranularityOverFourDaysBucketsTracesByDay() {
    DailyMetricsTest.load(storage);

    String json =
        answer(
            "{'view':'traces','metrics':[{'measure':'count','aggregation':'count'}],"
                + "'timeDimension':{'granularity':'auto'},"
                + "'fromTimestamp':'2025-03-01T00:00:00Z','toTimestamp':'2025-03-05T00:00:00Z'}");

    assertThat(json)
        .isEqualTo(
            "{\"data\":[{\"time_dimension\":\"2025-03-01T00:00:00.000Z\",\"count_count\":2},"
                + "{\"time_dimension\":\"2025-03-02T00:00:00.000Z\",\"count_count\":1},"
                + "{\"time_dimension\":\"2025-03-04T00:00:00.000Z\",\"count_count\":1}]}");
  }

  @Test
  void query_withoutTheParameterIsRejected() {
    assertThatThrownBy(() -> metrics.query("p1", QueryParams.EMPTY))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("query: required (a JSON metrics query)");
  }
}
