package dev.loupe.server.http;

import static java.util.Objects.requireNonNull;

import dev.loupe.evaluation.ScoreConfigs;
import dev.loupe.evaluation.Scores;
import dev.loupe.ingest.langfuse.LangfuseBatchIngest;
import dev.loupe.model.Score;
import dev.loupe.query.NotFoundException;
import dev.loupe.query.ScoreQueries;
import dev.loupe.query.json.ScoreJson;
import dev.loupe.server.auth.Access;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Langfuse's scores API: {@code POST /api/public/scores} ({@code {id}}), {@code GET
 * /api/public/v2/scores} and {@code /v2/scores/{scoreId}}, {@code DELETE
 * /api/public/scores/{scoreId}} (204); score configs: {@code POST|GET /api/public/score-configs},
 * {@code GET|PATCH /score-configs/{configId}}. A score or config that breaks a rule is a 400 naming
 * the field; nothing of it is stored.
 */
public final class ScoreRoutes {
  private final LangfuseBatchIngest bodies;
  private final Scores scores;
  private final ScoreConfigs configs;
  private final ScoreQueries queries;
  private final Clock clock;

  public ScoreRoutes(
      LangfuseBatchIngest bodies,
      Scores scores,
      ScoreConfigs configs,
      ScoreQueries queries,
      Clock clock) {
    this.bodies = requireNonNull(bodies, "bodies");
    this.scores = requireNonNull(scores, "scores");
    this.configs = requireNonNull(configs, "configs");
    this.queries = requireNonNull(queries, "queries");
    this.clock = requireNonNull(clock, "clock");
  }

  public void routing(Routes routes) {
    routes
        .post("/api/public/scores", Access.BASIC, this::create)
        .delete("/api/public/scores/{scoreId}", Access.BASIC, this::delete)
        .get("/api/public/v2/scores", Access.BASIC, this::list)
        .get("/api/public/v2/scores/{scoreId}", Access.BASIC, this::get)
        .post("/api/public/score-configs", Access.BASIC, this::createConfig)
        .get("/api/public/score-configs", Access.BASIC, this::listConfigs)
        .get("/api/public/score-configs/{configId}", Access.BASIC, this::getConfig)
        .patch("/api/public/score-configs/{configId}", Access.BASIC, this::updateConfig);
  }

  private void create(Exchange ex) throws Exception {
    Score stored = scores.create(bodies.score(ex.projectId(), ex.body(), clock.instant()));
    ex.json(200, ScoreJson.created(stored));
  }

  private void delete(Exchange ex) throws Exception {
    String id = ex.path("scoreId");
    if (!scores.delete(ex.projectId(), id)) throw new NotFoundException("score", id);
    ex.send(204, "application/json", new byte[0]);
  }

  private void list(Exchange ex) throws Exception {
    ScoreQueries.Listing listing = queries.search(ex.projectId(), ex.params());
    ex.json(200, ScoreJson.page(listing.page(), listing.withTrace()));
  }

  private void get(Exchange ex) throws Exception {
    ex.json(200, ScoreJson.one(queries.get(ex.projectId(), ex.path("scoreId"))));
  }

  private void createConfig(Exchange ex) throws Exception {
    ScoreConfigs.Draft draft = ScoreJson.readConfig(text(ex));
    ex.json(200, ScoreJson.config(configs.create(ex.projectId(), draft)));
  }

  private void listConfigs(Exchange ex) throws Exception {
    ex.json(200, ScoreJson.configs(queries.configs(ex.projectId(), ex.params())));
  }

  private void getConfig(Exchange ex) throws Exception {
    ex.json(200, ScoreJson.config(queries.config(ex.projectId(), ex.path("configId"))));
  }

  private void updateConfig(Exchange ex) throws Exception {
    String id = ex.path("configId");
    ScoreConfigs.Patch patch = ScoreJson.readConfigPatch(text(ex));
    ex.json(
        200,
        ScoreJson.config(
            configs
                .update(ex.projectId(), id, patch)
                .orElseThrow(() -> new NotFoundException("score config", id))));
  }

  private static String text(Exchange ex) throws Exception {
    return new String(ex.body(), StandardCharsets.UTF_8);
  }
}
