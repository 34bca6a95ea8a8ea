package dev.loupe.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.storage.InMemoryStorage;
import dev.loupe.storage.WriteBatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A list's export over the in-memory spec: every page of the query, in its order and with its
 * filters, CSV quoted by RFC 4180 with formula cells defused, JSON lines in the API's item shape,
 * cut at the bound with a last line saying so, never another project's rows.
 */
class ListExportTest {
  private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
  private final InMemoryStorage storage = new InMemoryStorage();
  private final TraceQueries traces = new TraceQueries(storage.traceStore());
  private final ObservationQueries observations = new ObservationQueries(storage.traceStore());

  private void given(String project, int count, String name) {
    List<Trace> ts = new ArrayList<>();
    List<Observation> os = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant at = NOW.minusSeconds(10L * (i + 1));
      String id = project + "-" + name + "-" + i;
      ts.add(Trace.builder(project, id, at).name(name).input("{\"n\":" + i + "}").build());
      os.add(
          Observation.builder(project, id + "-g", id, at)
              .type(ObservationType.GENERATION)
              .name("call")
              .endTime(at.plusMillis(1_500))
              .build());
    }
    storage.observationConsumer().accept(WriteBatch.of(ts, os));
  }

  private static String csv(ListExport<?> e) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    e.write(ListExport.Format.CSV, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void csv_hasTheHeaderAndEveryPageOfTheList_newestFirst() throws Exception {
    given("a", 2_500, "plain");

    ListExport<?> e = ListExport.traces(traces, "a", QueryParams.EMPTY, NOW);
    String[] lines = csv(e).split("\r\n");

    assertThat(e.cut()).isFalse();
    assertThat(e.rows()).isEqualTo(2_500);
    assertThat(lines).hasSize(2_501);
    assertThat(lines[0])
        .isEqualTo(
            "id,timestamp,name,userId,sessionId,tags,environment,release,version,"
                + "latencySeconds,totalCost,totalTokens,observations,errors,input,output");
    assertThat(lines[1])
        .startsWith("a-plain-0,2026-03-02T11:59:50Z,plain,,,,default,,,1.5,0,0,1,0,");
    assertThat(lines[1]).endsWith(",\"{\"\"n\"\":0}\",");
    assertThat(lines[2_500]).startsWith("a-plain-2499,");
  }

  @Test
  void aListOverTheBound_isCut_andSaysSoInALastLine() throws Exception {
    given("a", 2_500, "plain");

    ListExport<?> e = ListExport.traces(traces, "a", QueryParams.EMPTY, NOW, 1_500);
    String[] lines = csv(e).split("\r\n");

    assertThat(e.cut()).isTrue();
    assertThat(e.rows()).isEqualTo(1_500);
    assertThat(lines).hasSize(1 + 1_500 + 1);
    assertThat(lines[1_500]).startsWith("a-plain-1499,");
    assertThat(lines[1_501])
        .isEqualTo(
            "\"# cut at 1,500 of 2,500 rows: narrow the filters or the time range to export the"
                + " rest\""); // quoted: it holds commas
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    e.write(ListExport.Format.JSONL, json);
    String[] jsonLines = json.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(jsonLines).hasSize(1_501);
    assertThat(jsonLines[1_500]).isEqualTo("{\"cut\":true,\"rows\":1500,\"totalItems\":2500}");
  }

  @Test
  void theListsFiltersAndOrderHold_andAnotherProjectsRowsNeverAppear() throws Exception {
    given("a", 3, "keep");
    given("a", 2, "drop");
    given("b", 4, "keep");

    String out =
        csv(
            ListExport.traces(
                traces, "a", QueryParams.parse("name=keep&orderBy=timestamp.asc"), NOW));

    assertThat(out.split("\r\n"))
        .extracting(l -> l.substring(0, l.indexOf(',')))
        .containsExactly("id", "a-keep-2", "a-keep-1", "a-keep-0");
    assertThat(out).doesNotContain("b-keep").doesNotContain("drop");
  }

  @Test
  void jsonLines_areTheApisListItems() throws Exception {
    given("a", 2, "plain");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ListExport.observations(observations, "a", QueryParams.EMPTY, NOW)
        .write(ListExport.Format.JSONL, out);
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");

    assertThat(lines).hasSize(2);
    JsonNode first = Json.MAPPER.readTree(lines[0]);
    assertThat(first.get("id").asText()).isEqualTo("a-plain-0-g");
    assertThat(first.get("traceId").asText()).isEqualTo("a-plain-0");
    assertThat(first.get("type").asText()).isEqualTo("GENERATION");
  }

  @Test
  void csvQuotesByRfc4180_andDefusesFormulaCells() {
    assertThat(Csv.record(List.of("plain", "a,b", "say \"hi\"", "two\nlines", "")))
        .isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
    assertThat(
            Csv.record(List.of("=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx", "a=b")))
        .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-2,'@SUM(A1),'\tx,a=b\r\n");
  }

  @Test
  void badFormatOrFilterIsRefusedNamingTheParameter_beforeAnythingIsWritten() {
    assertThatThrownBy(() -> ListExport.Format.of(QueryParams.parse("format=xlsx")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("format: expected csv or jsonl, got 'xlsx'");
    assertThatThrownBy(() -> ListExport.traces(traces, "a", QueryParams.parse("minCost=abc"), NOW))
        .hasMessageStartingWith("minCost:");
    assertThat(ListExport.Format.of(QueryParams.EMPTY)).isEqualTo(ListExport.Format.CSV);
  }
}
