package ai.hyperion.tenancy;

import ai.hyperion.auth.KeyRecord;
import ai.hyperion.auth.KeyRecordLoader;
import ai.hyperion.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Loads key records from the tenancy tables on a cache miss. */
@ApplicationScoped
public class JpaKeyRecordLoader implements KeyRecordLoader {

  private static final int BATCH = 500;

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
    return transactions.inTransaction(
        em -> KeyRecords.findByPrefix(em, prefix).map(key -> KeyRecords.resolve(em, key)));
  }

  /** One transaction, keys read in batches; owners, teams and orgs are read once each. */
  @Override
  public Map<String, KeyRecord> loadAll(Collection<String> prefixes) {
    List<String> all = List.copyOf(prefixes);
    return transactions.inTransaction(
        em -> {
          Map<String, KeyRecord> records = new LinkedHashMap<>();
          for (int from = 0; from < all.size(); from += BATCH) {
            em.createQuery(
                    "select k from VirtualKey k where k.prefix in :prefixes", VirtualKey.class)
                .setParameter("prefixes", all.subList(from, Math.min(all.size(), from + BATCH)))
                .getResultList()
                .forEach(key -> records.put(key.prefix(), KeyRecords.resolve(em, key)));
          }
          return records;
        });
  }
}
