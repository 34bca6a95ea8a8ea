package dev.loupe.testing.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.client.api.query.Records;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production client, with its default settings, against the endpoint: each API a store uses.
 */
class ClientV2Test {
  @TempDir static Path dir;
  static LocalClickHouse ch;
  static Client client;
  String db;

  @BeforeAll
  static void start() {
    ch = LocalClickHouse.start(dir);
    client = Clients.v2(ch.url(), "default");
  }

  @AfterAll
  static void stop() {
    client.close();
    ch.close();
  }

  @BeforeEach
  void database(TestInfo test) throws Exception {
    db = "t_" + test.getTestMethod().orElseThrow().getName().toLowerCase();
    client.execute("CREATE DATABASE " + db).get(10, TimeUnit.SECONDS);
    client
        .execute(
            "CREATE TABLE "
                + db
                + ".spans (project String, id UInt64, name String, cost Float64, at DateTime64(3, 'UTC'),"
                + " version UInt32) ENGINE = ReplacingMergeTree(version) ORDER BY (project, id)")
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void pojosInsertedAreReadBackWithParameters() throws Exception {
    // a client in the table's database, as a store has: register() keys the schema by table name
    try (Client inDb = Clients.v2(ch.url(), db)) {
      inDb.register(Span.class, inDb.getTableSchema("spans"));
      List<Span> spans = new ArrayList<>();
      for (int i = 1; i <= 100; i++) {
        spans.add(
            new Span(i % 2 == 0 ? "p1" : "p2", i, "span-" + i, i * 0.5, 1_700_000_000_000L + i, 1));
      }
      var insert = inDb.insert("spans", spans).get(10, TimeUnit.SECONDS);
      assertThat(insert.getWrittenRows()).isEqualTo(100);
    }

    List<GenericRecord> rows =
        client.queryAll(
            "SELECT id, name, cost, at FROM "
                + db
                + ".spans WHERE project = {p:String} AND id > {min:UInt64}"
                + " ORDER BY id",
            Map.of("p", "p1", "min", 90));
    assertThat(rows).extracting(r -> r.getLong("id")).containsExactly(92L, 94L, 96L, 98L, 100L);
    assertThat(rows.get(0).getString("name")).isEqualTo("span-92");
    assertThat(rows.get(0).getDouble("cost")).isEqualTo(46.0);
    assertThat(rows.get(0).getZonedDateTime("at").toInstant().toEpochMilli())
        .isEqualTo(1_700_000_000_092L);
  }

  @Test
  @SuppressWarnings("try") // Records.close() declares Exception, as the client has it
  void rowBinaryAndJsonStreamsInsertAndQueryRecordsReadThem() throws Exception {
    String json =
        "{\"project\":\"p\",\"id\":1,\"name\":\"json\",\"cost\":1.5,\"at\":\"2025-01-01 00:00:00.000\",\"version\":1}\n";
    client
        .insert(
            db + ".spans",
            new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
            ClickHouseFormat.JSONEachRow)
        .get(10, TimeUnit.SECONDS);
    byte[] rowBinary = RowBinary.span("p", 2, "binary", 2.5, 1_735_689_600_000L, 1);
    var insert =
        client
            .insert(db + ".spans", new ByteArrayInputStream(rowBinary), ClickHouseFormat.RowBinary)
            .get(10, TimeUnit.SECONDS);
    assertThat(insert.getWrittenRows()).isEqualTo(1);

    try (Records records =
        client
            .queryRecords("SELECT id, name FROM " + db + ".spans ORDER BY id")
            .get(10, TimeUnit.SECONDS)) {
      List<String> names = new ArrayList<>();
      records.forEach(r -> names.add(r.getLong("id") + "=" + r.getString("name")));
      assertThat(names).containsExactly("1=json", "2=binary");
      assertThat(records.getResultRows()).isEqualTo(2);
    }
  }

  @Test
  @SuppressWarnings("try") // QueryResponse.close() declares Exception, as the client has it
  void queryStreamsRowBinaryWithNamesAndTypesToTheReader() throws Exception {
    client
        .execute(
            "INSERT INTO "
                + db
                + ".spans SELECT 'p', number, toString(number), number, now64(3), 1 FROM numbers(10000)")
        .get(10, TimeUnit.SECONDS);
    try (QueryResponse response =
        client
            .query("SELECT id, name FROM " + db + ".spans ORDER BY id")
            .get(10, TimeUnit.SECONDS)) {
      ClickHouseBinaryFormatReader reader = client.newBinaryFormatReader(response);
      long n = 0;
      long sum = 0;
      while (reader.hasNext()) {
        reader.next();
        sum += reader.getLong("id");
        assertThat(reader.getString("name")).isEqualTo(Long.toString(reader.getLong("id")));
        n++;
      }
      assertThat(n).isEqualTo(10000);
      assertThat(sum).isEqualTo(9999L * 10000 / 2);
      assertThat(response.getResultRows()).isEqualTo(10000);
    }
  }

  @Test
  void databaseAndSettingsOfTheRequestApply() throws Exception {
    try (Client inDb = Clients.v2(ch.url(), db)) {
      assertThat(inDb.queryAll("SELECT currentDatabase() AS d").get(0).getString("d"))
          .isEqualTo(db);
      QuerySettings settings = new QuerySettings().serverSetting("max_result_rows", "1234");
      assertThat(
              inDb.queryAll("SELECT toString(getSetting('max_result_rows')) AS m", settings)
                  .get(0)
                  .getString("m"))
          .isEqualTo("1234");
      // the setting is the request's own: the next request has the default again
      assertThat(
              inDb.queryAll("SELECT toString(getSetting('max_result_rows')) AS m")
                  .get(0)
                  .getString("m"))
          .isEqualTo("0");
    }
  }
}
