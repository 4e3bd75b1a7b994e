package ai.hyperion.alerting;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A rule's condition met for one subject: what the alert will say. */
record Incident(String subject, String summary, ObjectNode details) {}
