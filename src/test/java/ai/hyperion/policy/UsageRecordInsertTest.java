package ai.hyperion.policy;

import ai.hyperion.persistence.EntityColumns;
import org.junit.jupiter.api.Test;

/** The ledger's batch insert writes every column the entity maps, each once. */
class UsageRecordInsertTest {

  @Test
  void theInsertWritesEveryMappedColumnOnce() {
    EntityColumns.assertInsertWritesEach(UsageRecord.class, UsageRecord.INSERT);
  }
}
