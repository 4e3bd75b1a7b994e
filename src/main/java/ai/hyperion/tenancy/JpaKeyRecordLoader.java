package ai.hyperion.tenancy;

import ai.hyperion.auth.KeyRecord;
import ai.hyperion.auth.KeyRecordLoader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Loads key records from the tenancy tables on a cache miss. */
@ApplicationScoped
public class JpaKeyRecordLoader implements KeyRecordLoader {

  private final Transactions transactions;

  @Inject
  public JpaKeyRecordLoader(Transactions transactions) {
    this.transactions = transactions;
  }

  /** For the CDI proxy only. */
  protected JpaKeyRecordLoader() {
    this(null);
  }

  @Override
  public Optional<KeyRecord> load(String prefix) {
    return transactions.inTransaction(em -> KeyRecords.findByPrefix(em, prefix).map(key -> KeyRecords.resolve(em, key)));
  }
}
