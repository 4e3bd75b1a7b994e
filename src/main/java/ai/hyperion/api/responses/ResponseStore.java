package ai.hyperion.api.responses;

import ai.hyperion.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Stored responses, always looked up within one org: another org's id is simply not found. */
@ApplicationScoped
public class ResponseStore {

  private Transactions transactions;

  protected ResponseStore() {}

  @Inject
  public ResponseStore(Transactions transactions) {
    this.transactions = transactions;
  }

  public void save(StoredResponse response) {
    transactions.inTransaction(
        em -> {
          em.persist(response);
          return null;
        });
  }

  public Optional<StoredResponse> find(String orgId, String id) {
    return Optional.ofNullable(transactions.inTransaction(em -> em.find(StoredResponse.class, id)))
        .filter(found -> found.orgId().equals(orgId));
  }

  /** Deletes the org's response; false when it has none of that id. */
  public boolean delete(String orgId, String id) {
    return transactions.inTransaction(
        em -> {
          StoredResponse found = em.find(StoredResponse.class, id);
          if (found == null || !found.orgId().equals(orgId)) {
            return false;
          }
          em.remove(found);
          return true;
        });
  }
}
