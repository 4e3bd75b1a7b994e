package ai.hyperion.audit.log;

import ai.hyperion.persistence.EntityColumns;
import org.junit.jupiter.api.Test;

/** The request log's batch insert writes every column the entity maps, each once. */
class RequestLogRecordInsertTest {

  @Test
  void theInsertWritesEveryMappedColumnOnce() {
    EntityColumns.assertInsertWritesEach(RequestLogRecord.class, RequestLogRecord.INSERT);
  }
}
