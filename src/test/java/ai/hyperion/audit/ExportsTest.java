package ai.hyperion.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExportsTest {

  record Row(int n, String text) {}

  private static final List<Column<Row>> COLUMNS =
      List.of(Column.of("n", Row::n), Column.of("text", Row::text));

  @Test
  void csvFieldsAreQuotedAndFormulasDefused() {
    assertEquals("plain", Exports.csvField("plain"));
    assertEquals("\"a,b\"", Exports.csvField("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", Exports.csvField("say \"hi\""));
    assertEquals("\"two\nlines\"", Exports.csvField("two\nlines"));
    assertEquals("'=HYPERLINK(1)", Exports.csvField("=HYPERLINK(1)"));
    assertEquals("'@sum", Exports.csvField("@sum"));
    assertEquals("-3", Exports.csvField(-3));
    assertEquals("", Exports.csvField(null));
    assertEquals("\"[\"\"a\"\",\"\"b\"\"]\"", Exports.csvField(Set.of("b", "a")));
  }

  @Test
  void exportsReadChunkAfterChunkContinuingAfterTheLastRow() throws Exception {
    List<Row> all = new ArrayList<>();
    for (int i = 0; i < Exports.CHUNK * 2 + 3; i++) {
      all.add(new Row(i, "t" + i));
    }
    AtomicInteger reads = new AtomicInteger();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Exports.stream(
            ExportFormat.JSONL,
            COLUMNS,
            (last, chunk) -> {
              reads.incrementAndGet();
              int from = last == null ? 0 : last.n() + 1;
              return all.subList(from, Math.min(all.size(), from + chunk));
            })
        .write(out);
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(all.size(), lines.length);
    assertEquals("{\"n\":0,\"text\":\"t0\"}", lines[0]);
    assertEquals(3, reads.get());

    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    Exports.stream(
            ExportFormat.CSV,
            COLUMNS,
            (last, chunk) -> last == null ? all.subList(0, 2) : List.of())
        .write(csv);
    assertEquals("n,text\r\n0,t0\r\n1,t1\r\n", csv.toString(StandardCharsets.UTF_8));
  }
}
