package ai.hyperion.mcp;

import ai.hyperion.testing.TestDatabase;

/**
 * The MCP gateway's tables on the PostgreSQL at 127.0.0.1 (skipped when absent unless CI is set).
 */
class PostgresMcpStoreTest extends McpStoreContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.postgres();
  }
}
