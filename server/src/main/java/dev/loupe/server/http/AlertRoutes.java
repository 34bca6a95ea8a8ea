package dev.loupe.server.http;

import static java.util.Objects.requireNonNull;

import dev.loupe.alerting.Alerts;
import dev.loupe.query.AlertBodies;
import dev.loupe.query.AlertQueries;
import dev.loupe.query.NotFoundException;
import dev.loupe.query.json.AlertJson;
import dev.loupe.server.auth.Access;
import dev.loupe.storage.alerts.AlertRule;
import java.nio.charset.StandardCharsets;

/**
 * Loupe's alert API (docs/api.md, "Alerts"): rules ({@code /api/public/alert-rules}, with their
 * status, history, deliveries and a test action), channels ({@code /api/public/alert-channels},
 * with a test action; the secret is accepted and never returned) and the delivery log ({@code
 * /api/public/alert-deliveries}). A bad body is a 400 naming the field; nothing of it is stored.
 */
public final class AlertRoutes {
  private static final String RULES = "/api/public/alert-rules";
  private static final String CHANNELS = "/api/public/alert-channels";

  private final Alerts alerts;
  private final AlertQueries queries;

  public AlertRoutes(Alerts alerts, AlertQueries queries) {
    this.alerts = requireNonNull(alerts, "alerts");
    this.queries = requireNonNull(queries, "queries");
  }

  public void routing(Routes routes) {
    routes
        .post(RULES, Access.BASIC, this::createRule)
        .get(RULES, Access.BASIC, this::listRules)
        .get(RULES + "/{ruleId}", Access.BASIC, this::getRule)
        .put(RULES + "/{ruleId}", Access.BASIC, this::updateRule)
        .delete(RULES + "/{ruleId}", Access.BASIC, this::deleteRule)
        .get(RULES + "/{ruleId}/history", Access.BASIC, this::history)
        .get(RULES + "/{ruleId}/deliveries", Access.BASIC, this::ruleDeliveries)
        .post(RULES + "/{ruleId}/test", Access.BASIC, this::testRule)
        .post(CHANNELS, Access.BASIC, this::createChannel)
        .get(CHANNELS, Access.BASIC, this::listChannels)
        .get(CHANNELS + "/{channelId}", Access.BASIC, this::getChannel)
        .put(CHANNELS + "/{channelId}", Access.BASIC, this::updateChannel)
        .delete(CHANNELS + "/{channelId}", Access.BASIC, this::deleteChannel)
        .post(CHANNELS + "/{channelId}/test", Access.BASIC, this::testChannel)
        .get("/api/public/alert-deliveries", Access.BASIC, this::deliveries);
  }

  private void createRule(Exchange ex) throws Exception {
    AlertRule rule = alerts.createRule(ex.projectId(), AlertBodies.rule(text(ex)));
    ex.json(200, AlertJson.rule(queries.rule(ex.projectId(), rule.id())));
  }

  private void listRules(Exchange ex) throws Exception {
    ex.json(200, AlertJson.rules(queries.rules(ex.projectId())));
  }

  private void getRule(Exchange ex) throws Exception {
    ex.json(200, AlertJson.rule(queries.rule(ex.projectId(), ex.path("ruleId"))));
  }

  private void updateRule(Exchange ex) throws Exception {
    String id = ex.path("ruleId");
    alerts
        .updateRule(ex.projectId(), id, AlertBodies.rule(text(ex)))
        .orElseThrow(() -> new NotFoundException("alert rule", id));
    ex.json(200, AlertJson.rule(queries.rule(ex.projectId(), id)));
  }

  private void deleteRule(Exchange ex) throws Exception {
    String id = ex.path("ruleId");
    if (!alerts.deleteRule(ex.projectId(), id)) throw new NotFoundException("alert rule", id);
    ex.send(204, "application/json", new byte[0]);
  }

  private void history(Exchange ex) throws Exception {
    ex.json(
        200, AlertJson.history(queries.history(ex.projectId(), ex.path("ruleId"), ex.params())));
  }

  private void ruleDeliveries(Exchange ex) throws Exception {
    ex.json(
        200,
        AlertJson.deliveries(
            queries.deliveries(ex.projectId(), ex.path("ruleId"), null, ex.params())));
  }

  private void testRule(Exchange ex) throws Exception {
    String id = ex.path("ruleId");
    ex.json(
        200,
        AlertJson.deliveries(
            alerts
                .testRule(ex.projectId(), id)
                .orElseThrow(() -> new NotFoundException("alert rule", id))));
  }

  private void createChannel(Exchange ex) throws Exception {
    ex.json(
        200,
        AlertJson.channel(alerts.createChannel(ex.projectId(), AlertBodies.channel(text(ex)))));
  }

  private void listChannels(Exchange ex) throws Exception {
    ex.json(200, AlertJson.channels(queries.channels(ex.projectId())));
  }

  private void getChannel(Exchange ex) throws Exception {
    ex.json(200, AlertJson.channel(queries.channel(ex.projectId(), ex.path("channelId"))));
  }

  private void updateChannel(Exchange ex) throws Exception {
    String id = ex.path("channelId");
    ex.json(
        200,
        AlertJson.channel(
            alerts
                .updateChannel(ex.projectId(), id, AlertBodies.channel(text(ex)))
                .orElseThrow(() -> new NotFoundException("alert channel", id))));
  }

  private void deleteChannel(Exchange ex) throws Exception {
    String id = ex.path("channelId");
    if (!alerts.deleteChannel(ex.projectId(), id)) throw new NotFoundException("alert channel", id);
    ex.send(204, "application/json", new byte[0]);
  }

  private void testChannel(Exchange ex) throws Exception {
    String id = ex.path("channelId");
    ex.json(
        200,
        AlertJson.delivery(
            alerts
                .testChannel(ex.projectId(), id)
                .orElseThrow(() -> new NotFoundException("alert channel", id))));
  }

  private void deliveries(Exchange ex) throws Exception {
    ex.json(
        200,
        AlertJson.deliveries(
            queries.deliveries(
                ex.projectId(),
                blankToNull(ex.params().string("ruleId")),
                blankToNull(ex.params().string("channelId")),
                ex.params())));
  }

  private static @org.jspecify.annotations.Nullable String blankToNull(
      @org.jspecify.annotations.Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String text(Exchange ex) throws Exception {
    return new String(ex.body(), StandardCharsets.UTF_8);
  }
}
