package ai.hyperion.alerting;

import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a channel delivers: the alert as JSON (the webhook body) and as text (the e-mail). */
record AlertNotice(
    String alertId,
    String orgId,
    String ruleId,
    String ruleName,
    AlertKind kind,
    String subject,
    String summary,
    ObjectNode details,
    String firedAt) {

  /**
   * The webhook body: {@code {"id","orgId","ruleId","ruleName","kind","subject","summary",...}}.
   */
  String json() {
    ObjectNode node = Json.object();
    node.put("id", alertId);
    node.put("orgId", orgId);
    node.put("ruleId", ruleId);
    node.put("ruleName", ruleName);
    node.put("kind", kind.name());
    node.put("subject", subject);
    node.put("summary", summary);
    node.set("details", details);
    node.put("firedAt", firedAt);
    return node.toString();
  }

  String text() {
    StringBuilder text = new StringBuilder();
    text.append(summary).append("\n\n");
    text.append("Organisation: ").append(orgId).append('\n');
    text.append("Rule: ").append(ruleName).append(" (").append(kind).append(")\n");
    text.append("Fired at: ").append(firedAt).append('\n');
    details
        .fields()
        .forEachRemaining(
            e -> text.append(e.getKey()).append(": ").append(e.getValue().asText()).append('\n'));
    text.append("\nAlert ")
        .append(alertId)
        .append(": acknowledge it in the admin API (POST .../alerts/{id}/acknowledge).\n");
    return text.toString();
  }
}
