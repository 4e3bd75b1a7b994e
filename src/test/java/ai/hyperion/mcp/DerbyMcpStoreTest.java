package ai.hyperion.mcp;

import ai.hyperion.testing.TestDatabase;

/** The MCP gateway's tables on embedded Derby, the default store. */
class DerbyMcpStoreTest extends McpStoreContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.derby();
  }
}
