package dev.loupe.testing.clickhouse;

import com.clickhouse.client.api.Client;

/** The production client as a store builds it: defaults, except the endpoint and database. */
final class Clients {
  private Clients() {}

  static Client v2(String url, String database) {
    return new Client.Builder()
        .addEndpoint(url)
        .setUsername("default")
        .setPassword("")
        .setDefaultDatabase(database)
        .build();
  }
}
