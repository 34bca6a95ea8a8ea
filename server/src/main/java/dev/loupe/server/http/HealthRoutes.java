package dev.loupe.server.http;

import dev.loupe.model.Json;
import dev.loupe.pipeline.IngestState;
import dev.loupe.pipeline.Ingestion;
import dev.loupe.pipeline.log.LogState;
import dev.loupe.server.auth.Access;
import dev.loupe.storage.CheckResult;
import dev.loupe.storage.Storage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/public/health}: open; 200 when storage answers, else 503 with the reason. The
 * body also reports ingest as data:
 *
 * <pre>{@code
 * {"status": "OK", "version": "0.1.0",
 *  "ingest": {"appended": 1200, "applied": 1180, "lagRecords": 20, "lagSeconds": 0.04,
 *             "applyError": null, "skipped": 0,
 *             "log": {"segments": 1, "bytes": 5242880, "compactedSegments": 3, "corruptBytes": 0,
 *                     "error": null}}}
 * }</pre>
 *
 * {@code applied >= appended} (as read after an ingest was acknowledged) means reads see it; a
 * non-null {@code applyError} or {@code log.error} says why ingest is held up (the applier retries,
 * appends are refused while the log's disk is full).
 */
public final class HealthRoutes {
  private final Storage storage;
  private final Ingestion ingestion;
  private final String version;

  public HealthRoutes(Storage storage, Ingestion ingestion, String version) {
    this.storage = storage;
    this.ingestion = ingestion;
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
    body.put("ingest", ingest(ingestion.state()));
    ex.json(check.ok() ? 200 : 503, Json.MAPPER.writeValueAsBytes(body));
  }

  private static Map<String, Object> ingest(IngestState s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("appended", s.appended());
    out.put("applied", s.applied());
    out.put("lagRecords", s.lagRecords());
    out.put("lagSeconds", s.lagSeconds());
    out.put("applyError", s.applyError());
    out.put("skipped", s.skipped());
    LogState log = s.log();
    Map<String, Object> l = new LinkedHashMap<>();
    l.put("segments", log.segments());
    l.put("bytes", log.bytes());
    l.put("compactedSegments", log.compactedSegments());
    l.put("corruptBytes", log.corruptBytes());
    l.put("error", log.error());
    out.put("log", l);
    return out;
  }
}
