package dev.loupe.server.http;

import dev.loupe.model.Json;
import dev.loupe.server.auth.Access;
import dev.loupe.storage.CheckResult;
import dev.loupe.storage.Storage;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/public/health}: open; 200 when storage answers, else 503 with the reason. */
public final class HealthRoutes {
  private final Storage storage;
  private final String version;

  public HealthRoutes(Storage storage, String version) {
    this.storage = storage;
    this.version = version;
  }

  public void routing(Routes routes) {
    routes.get("/api/public/health", Access.NONE, this::health);
  }

  private void health(Exchange ex) throws Exception {
    CheckResult check = storage.check();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", check.ok() ? "OK" : "ERROR");
    body.put("version", version);
    if (!check.ok()) body.put("message", "storage: " + check.error());
    ex.json(check.ok() ? 200 : 503, Json.MAPPER.writeValueAsBytes(body));
  }
}
