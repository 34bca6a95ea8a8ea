package dev.loupe.testing.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors reach the client as a server sends them: ServerException with ClickHouse's code. */
class ServerErrorTest {
  @TempDir static Path dir;
  static LocalClickHouse ch;
  static Client client;

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

  @Test
  void badSqlIsASyntaxError() {
    ServerException e = serverException(() -> client.queryAll("SELEC 1"));
    assertThat(e.getCode()).isEqualTo(62);
    assertThat(e).hasMessageContaining("Syntax error");
  }

  @Test
  void missingTableAndDatabaseAndSettingHaveTheirCodes() {
    assertThat(code(() -> client.queryAll("SELECT * FROM nowhere"))).isEqualTo(60);
    try (Client other = Clients.v2(ch.url(), "no_such_db")) {
      assertThat(code(() -> other.queryAll("SELECT 1"))).isEqualTo(81);
    }
    QuerySettings bad = new QuerySettings().serverSetting("no_such_setting", "1");
    assertThat(code(() -> client.queryAll("SELECT 1", bad))).isEqualTo(115);
  }

  @Test
  void commandAndInsertFailuresCarryTheCode() {
    String engine = "CREATE TABLE t (x UInt8) ENGINE = NoSuchEngine";
    assertThat(code(() -> client.execute(engine).get(10, TimeUnit.SECONDS))).isEqualTo(56);
    InputStream rows = new ByteArrayInputStream("{\"x\":1}\n".getBytes(StandardCharsets.UTF_8));
    assertThat(
            code(
                () ->
                    client
                        .insert("missing", rows, ClickHouseFormat.JSONEachRow)
                        .get(10, TimeUnit.SECONDS)))
        .isEqualTo(60);
  }

  @Test
  void theWireLooksLikeAServers() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> ping =
        http.send(
            HttpRequest.newBuilder(URI.create(ch.url() + "/ping")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ping.statusCode()).isEqualTo(200);
    assertThat(ping.body()).isEqualTo("Ok.\n");

    HttpResponse<String> ok =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(ch.url() + "/?query=SELECT%201%2B%7Bn%3AUInt8%7D&param_n=2"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ok.body()).isEqualTo("3\n");
    assertThat(ok.headers().firstValue("X-ClickHouse-Summary"))
        .hasValueSatisfying(s -> assertThat(s).contains("\"result_rows\":\"1\""));
    assertThat(ok.headers().firstValue("X-ClickHouse-Query-Id")).isPresent();

    HttpResponse<String> bad =
        http.send(
            HttpRequest.newBuilder(URI.create(ch.url() + "/?database=default"))
                .POST(HttpRequest.BodyPublishers.ofString("SELECT * FROM nowhere"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(404);
    assertThat(bad.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("60");
    assertThat(bad.body()).startsWith("Code: 60. DB::Exception: ").contains("(UNKNOWN_TABLE)");
  }

  private static int code(Call call) {
    return serverException(call).getCode();
  }

  /** The ServerException a call raised, directly or as the cause the client wrapped it in. */
  private static ServerException serverException(Call call) {
    Throwable thrown = catchThrowable(call::run);
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof ServerException e) {
        return e;
      }
    }
    throw new AssertionError("no ServerException", thrown);
  }

  @FunctionalInterface
  interface Call {
    void run() throws Exception;
  }
}
