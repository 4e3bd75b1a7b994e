package ai.hyperion.testing;

import ai.hyperion.persistence.SchemaMigrator;
import ai.hyperion.persistence.Transactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A migrated schema for service tests (tenancy and the capabilities that build on it), with the
 * production persistence unit run resource-local: a fresh in-memory Derby or H2 database, or a
 * fresh schema in the PostgreSQL on 127.0.0.1 (skipped when absent, a failure when the CI variable
 * is set).
 */
public final class TestDatabase implements Transactions, AutoCloseable {

  private final DataSource dataSource;
  private final EntityManagerFactory factory;
  private final Runnable cleanup;

  private TestDatabase(DataSource dataSource, Runnable cleanup) {
    this.dataSource = dataSource;
    this.cleanup = cleanup;
    SchemaMigrator.migrate(dataSource);
    this.factory =
        Persistence.createEntityManagerFactory(
            "hyperion",
            Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.nonJtaDataSource", dataSource,
                "eclipselink.weaving", "false",
                "eclipselink.logging.level", "WARNING"));
  }

  public static TestDatabase derby() {
    // Derby writes its log to the working directory unless told otherwise.
    System.setProperty("derby.stream.error.file", "target/derby.log");
    EmbeddedDataSource derby = new EmbeddedDataSource();
    String name = "memory:tenancy-" + UUID.randomUUID();
    derby.setDatabaseName(name);
    derby.setCreateDatabase("create");
    derby.setUser("hyperion");
    return new TestDatabase(derby, () -> dropDerby(name));
  }

  /**
   * A fresh in-memory H2 database, kept until {@link #close()} (not when its last connection ends).
   */
  public static TestDatabase h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:tenancy-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    h2.setUser("hyperion");
    h2.setPassword("");
    return new TestDatabase(h2, () -> shutDownH2(h2));
  }

  /** PostgreSQL at 127.0.0.1:5432, database {@code test}, user postgres; a schema per test. */
  public static TestDatabase postgres() {
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
    PGSimpleDataSource admin = postgresDataSource(null);
    try (Connection connection = admin.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("create schema " + schema);
    } catch (SQLException e) {
      if (System.getenv("CI") != null) {
        throw new AssertionError(
            "PostgreSQL on 127.0.0.1:5432 (database test, user postgres) is required when CI is"
                + " set",
            e);
      }
      Assumptions.abort(
          "PostgreSQL on 127.0.0.1:5432 (database test, user postgres) is not reachable: "
              + e.getMessage());
    }
    return new TestDatabase(postgresDataSource(schema), () -> dropPostgresSchema(admin, schema));
  }

  private static PGSimpleDataSource postgresDataSource(String schema) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {"127.0.0.1"});
    ds.setPortNumbers(new int[] {5432});
    ds.setDatabaseName("test");
    ds.setUser(System.getenv().getOrDefault("PGUSER", "postgres"));
    String password = System.getenv("PGPASSWORD");
    if (password != null) {
      ds.setPassword(password);
    }
    ds.setConnectTimeout(3);
    if (schema != null) {
      ds.setCurrentSchema(schema);
    }
    return ds;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public <T> T inTransaction(Function<EntityManager, T> work) {
    EntityManager em = factory.createEntityManager();
    EntityTransaction tx = em.getTransaction();
    try {
      tx.begin();
      T result = work.apply(em);
      tx.commit();
      return result;
    } finally {
      if (tx.isActive()) {
        tx.rollback();
      }
      em.close();
    }
  }

  public long count(String entity) {
    return inTransaction(
        em ->
            em.createQuery("select count(e) from " + entity + " e", Long.class).getSingleResult());
  }

  @Override
  public void close() {
    factory.close();
    cleanup.run();
  }

  private static void dropDerby(String name) {
    EmbeddedDataSource drop = new EmbeddedDataSource();
    drop.setDatabaseName(name);
    drop.setConnectionAttributes("drop=true");
    try {
      drop.getConnection().close();
    } catch (SQLException expected) {
      // Derby reports a successful drop as SQLState 08006.
      if (!"08006".equals(expected.getSQLState())) {
        throw new IllegalStateException("Could not drop the test database " + name, expected);
      }
    }
  }

  private static void shutDownH2(DataSource h2) {
    try (Connection connection = h2.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not shut the H2 test database down", e);
    }
  }

  private static void dropPostgresSchema(DataSource admin, String schema) {
    try (Connection connection = admin.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("drop schema " + schema + " cascade");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not drop the test schema " + schema, e);
    }
  }
}
