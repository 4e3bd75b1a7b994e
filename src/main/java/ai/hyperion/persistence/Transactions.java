package ai.hyperion.persistence;

import jakarta.persistence.EntityManager;
import java.util.function.Function;

/**
 * Runs work in one database transaction. In the server this is JTA ({@link JtaTransactions}); tests
 * run the same services over a resource-local EntityManagerFactory.
 */
public interface Transactions {

  /** Commits when the work returns, rolls back when it throws. */
  public <T> T inTransaction(Function<EntityManager, T> work);

  /**
   * Runs work in a transaction of its own, committed or rolled back independently of any
   * transaction the caller is in (JTA REQUIRES_NEW). Implementations whose {@link #inTransaction}
   * always starts a fresh transaction need not override it.
   */
  default <T> T inNewTransaction(Function<EntityManager, T> work) {
    return inTransaction(work);
  }
}
