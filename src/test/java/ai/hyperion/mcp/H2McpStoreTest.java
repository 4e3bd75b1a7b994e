package ai.hyperion.mcp;

import ai.hyperion.testing.TestDatabase;

/** The MCP gateway's tables on embedded H2. */
class H2McpStoreTest extends McpStoreContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.h2();
  }
}
