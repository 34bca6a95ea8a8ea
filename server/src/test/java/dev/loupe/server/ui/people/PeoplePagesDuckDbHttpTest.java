package dev.loupe.server.ui.people;

import dev.loupe.server.ServerConfig;

/** The sessions, session and users pages on the DuckDB backend. */
class PeoplePagesDuckDbHttpTest extends PeoplePagesHttpTest {
  @Override
  ServerConfig.StorageKind storage() {
    return ServerConfig.StorageKind.DUCKDB;
  }
}
