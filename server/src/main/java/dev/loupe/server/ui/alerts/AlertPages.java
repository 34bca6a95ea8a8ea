package dev.loupe.server.ui.alerts;

import static java.util.Objects.requireNonNull;

import dev.loupe.alerting.Alerts;
import dev.loupe.query.AlertBodies;
import dev.loupe.query.AlertQueries;
import dev.loupe.query.NotFoundException;
import dev.loupe.query.QueryParams;
import dev.loupe.server.http.Exchange;
import dev.loupe.server.ui.Pages;
import dev.loupe.storage.alerts.AlertChannel;
import dev.loupe.storage.alerts.AlertRule;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Alerts pages: the project's rules with their state (firing, pending, ok, no data), last value
 * and last evaluation, and its channels ({@code /ui/alerts}); a rule's page with its history,
 * deliveries and edit form ({@code /ui/alerts/{ruleId}}); the new-rule form. Forms post the same
 * fields the API takes, through the API's own body reader.
 */
public final class AlertPages {
  public static final String LIST = "/ui/alerts";

  private final Alerts alerts;
  private final AlertQueries queries;

  public AlertPages(Alerts alerts, AlertQueries queries) {
    this.alerts = requireNonNull(alerts, "alerts");
    this.queries = requireNonNull(queries, "queries");
  }

  public void list(Exchange ex, String projectId, Pages pages) throws Exception {
    pages.render(
        ex,
        200,
        "alerts.jte",
        new AlertViews.AlertsView(
            projectId,
            queries.rules(projectId).stream().map(AlertViews::row).toList(),
            queries.channels(projectId).stream().map(AlertViews::channel).toList()));
  }

  public void newRule(Exchange ex, String projectId, Pages pages) throws Exception {
    pages.render(
        ex,
        200,
        "alertNew.jte",
        new AlertViews.NewRuleView(projectId, RuleForm.empty(queries.channels(projectId))));
  }

  public void detail(Exchange ex, String projectId, Pages pages) throws Exception {
    AlertQueries.RuleView v = queries.rule(projectId, ex.path("ruleId"));
    AlertRule r = v.rule();
    List<AlertChannel> channels = queries.channels(projectId);
    Map<String, String> names = new HashMap<>();
    channels.forEach(c -> names.put(c.id(), c.name()));
    pages.render(
        ex,
        200,
        "alert.jte",
        new AlertViews.AlertView(
            projectId,
            AlertViews.row(v),
            r.description() == null ? "" : r.description(),
            queries.history(projectId, r.id(), QueryParams.EMPTY).stream()
                .map(AlertViews::event)
                .toList(),
            queries.deliveries(projectId, r.id(), null, QueryParams.EMPTY).stream()
                .map(d -> AlertViews.delivery(d, names.getOrDefault(d.channelId(), d.channelId())))
                .toList(),
            RuleForm.of(r, channels)));
  }

  public void create(Exchange ex, String projectId) throws Exception {
    AlertRule rule = alerts.createRule(projectId, AlertBodies.rule(RuleForm.body(form(ex))));
    Pages.redirect(ex, LIST + "/" + rule.id(), Map.of());
  }

  public void update(Exchange ex, String projectId) throws Exception {
    String id = ex.path("ruleId");
    alerts
        .updateRule(projectId, id, AlertBodies.rule(RuleForm.body(form(ex))))
        .orElseThrow(() -> new NotFoundException("alert rule", id));
    Pages.redirect(ex, LIST + "/" + id, Map.of());
  }

  public void delete(Exchange ex, String projectId) throws Exception {
    String id = ex.path("ruleId");
    if (!alerts.deleteRule(projectId, id)) throw new NotFoundException("alert rule", id);
    Pages.redirect(ex, LIST, Map.of());
  }

  public void test(Exchange ex, String projectId) throws Exception {
    String id = ex.path("ruleId");
    alerts.testRule(projectId, id).orElseThrow(() -> new NotFoundException("alert rule", id));
    Pages.redirect(ex, LIST + "/" + id, Map.of());
  }

  public void createChannel(Exchange ex, String projectId) throws Exception {
    QueryParams form = form(ex);
    com.fasterxml.jackson.databind.node.ObjectNode o =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    o.put("name", value(form, "name"));
    o.put("kind", value(form, "kind"));
    o.put("url", value(form, "url"));
    String secret = value(form, "secret");
    if (!secret.isEmpty()) o.put("secret", secret);
    alerts.createChannel(projectId, AlertBodies.channel(o.toString()));
    Pages.redirect(ex, LIST, Map.of());
  }

  private static String value(QueryParams form, String name) {
    String v = form.string(name);
    return v == null ? "" : v;
  }

  private static QueryParams form(Exchange ex) throws Exception {
    return QueryParams.parse(new String(ex.body(), StandardCharsets.UTF_8));
  }
}
