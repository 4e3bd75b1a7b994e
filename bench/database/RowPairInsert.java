import ai.hyperion.persistence.SchemaMigrator;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * What the request log and the usage ledger cost an embedded database: a request-log row and a
 * ledger row a request, written as the gateway's writers do (JDBC batches, one transaction each),
 * into the schema its migrations create, one thread. Prints microseconds of wall time a row pair
 * after a warm-up.
 *
 * <p>Arguments: derby|h2, a new directory for the database, seconds to measure, rows a batch.
 */
public final class RowPairInsert {

  private static final String LOG =
      "INSERT INTO request_log (request_id, occurred_at, org_id, team_id, user_id, key_id,"
          + " key_prefix, endpoint, requested_model, served_model, provider, route_mode, intent,"
          + " cache_outcome, status, streamed, client_disconnected, prompt_tokens,"
          + " completion_tokens, cached_tokens, reasoning_tokens, cost_usd, attempts, auth_ms,"
          + " policy_ms, cache_ms, route_ms, upstream_ms, write_ms, total_ms, client_address,"
          + " client_network) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String LEDGER =
      "INSERT INTO usage_ledger (id, request_id, attempt, org_id, team_id, user_id, key_id,"
          + " model_requested, model_served, provider, prompt_tokens, completion_tokens,"
          + " cached_tokens, cost_usd, price_source, status, streamed, disconnected,"
          + " cache_outcome, latency_ms, occurred_at, hour_utc, day_utc, route_mode) VALUES (?, ?,"
          + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final long WARM_UP_NANOS = 10_000_000_000L;

  public static void main(String[] args) throws SQLException {
    String kind = args[0];
    String dir = args[1];
    long seconds = Long.parseLong(args[2]);
    int batch = Integer.parseInt(args[3]);
    DataSource db = kind.equals("derby") ? derby(dir) : h2(dir);
    SchemaMigrator.migrate(db);
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      long pairs = 0;
      long start = System.nanoTime();
      long measuredFrom = 0;
      long measuredPairs = 0;
      while (System.nanoTime() - start < WARM_UP_NANOS + seconds * 1_000_000_000L) {
        insert(c, LOG, batch, pairs, true);
        insert(c, LEDGER, batch, pairs, false);
        pairs += batch;
        if (measuredFrom == 0 && System.nanoTime() - start >= WARM_UP_NANOS) {
          measuredFrom = System.nanoTime();
          measuredPairs = pairs;
        }
      }
      double micros = (System.nanoTime() - measuredFrom) / 1e3 / (pairs - measuredPairs);
      System.out.printf(
          "| %s | %d | %d | %.1f |%n", kind, batch, pairs - measuredPairs, micros);
    }
  }

  private static void insert(Connection c, String sql, int batch, long first, boolean log)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (long n = first; n < first + batch; n++) {
        long now = System.currentTimeMillis();
        String id = String.format("req_%012x%020d", now, n);
        Timestamp at = new Timestamp(now);
        Object[] row = log ? logRow(id, at) : ledgerRow(id, at, now);
        for (int i = 0; i < row.length; i++) {
          if (row[i] == null) {
            p.setNull(i + 1, Types.VARCHAR);
          } else {
            p.setObject(i + 1, row[i]);
          }
        }
        p.addBatch();
      }
      p.executeBatch();
    }
    c.commit();
  }

  private static Object[] logRow(String id, Timestamp at) {
    double ms = ThreadLocalRandom.current().nextDouble();
    return new Object[] {
      id, at, "org_bench", "team_a", "user_a", "key_a", "hk-abcdef12", "/v1/chat/completions",
      "gpt-4o-mini", "gpt-4o-mini-2024-07-18", "openai", "passthrough", "chat", "miss", 200,
      false, false, 16, 9, 0, 0, 0.0000078, 1, ms, ms, ms, ms, 0.2 + ms, ms, 0.4 + ms,
      "127.0.0.1", "loopback"
    };
  }

  private static Object[] ledgerRow(String id, Timestamp at, long now) {
    return new Object[] {
      id + ":0", id, 0, "org_bench", "team_a", "user_a", "key_a", "gpt-4o-mini",
      "gpt-4o-mini-2024-07-18", "openai", 16L, 9L, 0L, new BigDecimal("0.000007800"), "list",
      200, false, false, "miss", 1L, at, at, new Date(now), "passthrough"
    };
  }

  private static DataSource derby(String dir) {
    EmbeddedDataSource derby = new EmbeddedDataSource();
    derby.setDatabaseName(dir);
    derby.setCreateDatabase("create");
    derby.setUser("hyperion");
    return derby;
  }

  private static DataSource h2(String dir) {
    JdbcDataSource h2 = new JdbcDataSource();
    // As server.xml's default.
    h2.setURL("jdbc:h2:" + dir + "/hyperion;WRITE_DELAY=0");
    h2.setUser("hyperion");
    h2.setPassword("");
    return h2;
  }
}
