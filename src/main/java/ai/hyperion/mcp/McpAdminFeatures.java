package ai.hyperion.mcp;

import ai.hyperion.admin.AdminFeature;
import ai.hyperion.admin.Area;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/** The admin UI page this package's admin API serves. */
@Dependent
public class McpAdminFeatures {

  /** MCP tools: servers, health, tools, tokens and allow-lists ({@link McpAdminResource}). */
  @Produces static final AdminFeature MCP = new AdminFeature("mcp", Area.ORG);
}
