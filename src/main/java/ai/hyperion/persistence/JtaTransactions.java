package ai.hyperion.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.function.Function;

/** Container-managed transactions over the {@code hyperion} persistence unit. */
@ApplicationScoped
public class JtaTransactions implements Transactions {

  @PersistenceContext(unitName = "hyperion")
  EntityManager entityManager;

  @Override
  @Transactional
  public <T> T inTransaction(Function<EntityManager, T> work) {
    return work.apply(entityManager);
  }

  @Override
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public <T> T inNewTransaction(Function<EntityManager, T> work) {
    return work.apply(entityManager);
  }
}
