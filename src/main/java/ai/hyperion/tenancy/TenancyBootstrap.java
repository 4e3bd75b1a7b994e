package ai.hyperion.tenancy;

import ai.hyperion.auth.KeyHasher;
import ai.hyperion.auth.KeyPurpose;
import ai.hyperion.auth.UserRole;
import ai.hyperion.auth.VirtualKeyFormat;
import ai.hyperion.auth.VirtualKeyFormat.PresentedKey;
import ai.hyperion.persistence.Transactions;
import jakarta.persistence.EntityManager;

/**
 * The bootstrap credential. On an empty database it creates the default organisation and team and a
 * platform administrator holding the bootstrap key. On later starts a configured bootstrap key that
 * the database does not know yet is added to that administrator (so changing HYPERION_BOOTSTRAP_KEY
 * hands out a new admin key); a key already stored, revoked or not, is left as it is, so revoking
 * the bootstrap key sticks. Once imported it is an ordinary key: it also works on the data plane as
 * the default org's key (it opens both planes), and can be rotated or revoked. Applications should
 * get keys of their own, which are data-plane only.
 */
public final class TenancyBootstrap {

  public static final String DEFAULT_ORG_ID = "org_default";
  public static final String DEFAULT_TEAM_ID = "team_default";
  public static final String ADMIN_USER_ID = "user_admin";
  public static final String ADMIN_EMAIL = "admin@hyperion.local";

  /** What {@link #ensure} did. */
  public enum Outcome {
    CREATED,
    KEY_ADDED,
    UNCHANGED,
    /**
     * The database has users but the bootstrap administrator was deleted: the key is not imported.
     */
    NO_ADMIN
  }

  private final Transactions transactions;
  private final KeyHasher hasher;

  public TenancyBootstrap(Transactions transactions, KeyHasher hasher) {
    this.transactions = transactions;
    this.hasher = hasher;
  }

  public boolean databaseEmpty() {
    return transactions.inTransaction(
        em -> em.createQuery("select count(u) from User u", Long.class).getSingleResult() == 0);
  }

  /** Makes sure {@code key} is the bootstrap administrator's key, creating the tenant if needed. */
  public Outcome ensure(String key) {
    PresentedKey presented =
        VirtualKeyFormat.parse(key)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "The bootstrap key must be hk-<8 letters or digits>_<20+ letters, digits,"
                            + " '-' or '_'>, or any 16 to 256 visible ASCII characters"));
    return transactions.inTransaction(
        em -> {
          if (KeyRecords.findByPrefix(em, presented.prefix()).isPresent()) {
            return Outcome.UNCHANGED;
          }
          boolean empty =
              em.createQuery("select count(u) from User u", Long.class).getSingleResult() == 0;
          User admin = empty ? createTenant(em) : em.find(User.class, ADMIN_USER_ID);
          if (admin == null) {
            return Outcome.NO_ADMIN;
          }
          VirtualKey bootstrapKey =
              new VirtualKey(
                  presented.prefix(), hasher.hashHex(presented.key()), "bootstrap", admin);
          bootstrapKey.purposes(KeyPurpose.BOTH);
          em.persist(bootstrapKey);
          em.flush();
          return empty ? Outcome.CREATED : Outcome.KEY_ADDED;
        });
  }

  private static User createTenant(EntityManager em) {
    Organization org = Organization.withId(DEFAULT_ORG_ID, "default");
    org.autoRoutingEnabled(true);
    em.persist(org);
    em.persist(Team.withId(DEFAULT_TEAM_ID, DEFAULT_ORG_ID, "default"));
    User admin =
        User.withId(
            ADMIN_USER_ID, DEFAULT_ORG_ID, DEFAULT_TEAM_ID, ADMIN_EMAIL, UserRole.PLATFORM_ADMIN);
    admin.displayName("Bootstrap administrator");
    em.persist(admin);
    return admin;
  }
}
