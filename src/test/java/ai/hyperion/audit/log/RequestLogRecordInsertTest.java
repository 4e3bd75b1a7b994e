package ai.hyperion.audit.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.hyperion.persistence.EntityColumns;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request log's batch insert writes every column the entity maps, each once. */
class RequestLogRecordInsertTest {

  @Test
  void theInsertWritesEveryMappedColumnOnce() {
    List<String> written = RequestLogRecord.INSERT.columnNames();
    assertEquals(written.size(), new HashSet<>(written).size(), "no column twice: " + written);
    assertEquals(EntityColumns.of(RequestLogRecord.class), new HashSet<>(written));
  }
}
