package ai.hyperion.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.hyperion.persistence.EntityColumns;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ledger's batch insert writes every column the entity maps, each once. */
class UsageRecordInsertTest {

  @Test
  void theInsertWritesEveryMappedColumnOnce() {
    List<String> written = UsageRecord.INSERT.columnNames();
    assertEquals(written.size(), new HashSet<>(written).size(), "no column twice: " + written);
    assertEquals(EntityColumns.of(UsageRecord.class), new HashSet<>(written));
  }
}
