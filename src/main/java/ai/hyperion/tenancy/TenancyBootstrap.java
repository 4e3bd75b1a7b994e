package ai.hyperion.tenancy;

import ai.hyperion.auth.KeyHasher;
import ai.hyperion.auth.UserRole;
import ai.hyperion.auth.VirtualKeyFormat;
import ai.hyperion.auth.VirtualKeyFormat.PresentedKey;
import java.util.Optional;

/**
 * First start: with no user in the database, creates the default organisation and team and a
 * platform administrator whose key is the bootstrap credential. That key is an ordinary key from
 * then on (it also works on the data plane for the default org, and can be rotated or revoked);
 * later starts change nothing, whatever the configured bootstrap key says.
 */
public final class TenancyBootstrap {

  public static final String DEFAULT_ORG_ID = "org_default";
  public static final String DEFAULT_TEAM_ID = "team_default";
  public static final String ADMIN_USER_ID = "user_admin";
  public static final String ADMIN_EMAIL = "admin@hyperion.local";

  private final Transactions transactions;
  private final KeyHasher hasher;

  public TenancyBootstrap(Transactions transactions, KeyHasher hasher) {
    this.transactions = transactions;
    this.hasher = hasher;
  }

  public boolean needed() {
    return transactions.inTransaction(em ->
        em.createQuery("select count(u) from User u", Long.class).getSingleResult() == 0);
  }

  /**
   * Creates the bootstrap tenant with {@code key} as the admin's key.
   *
   * @return the prefix of the admin key
   * @throws IllegalArgumentException when the key does not have the virtual-key format
   */
  public String bootstrap(String key) {
    PresentedKey presented = VirtualKeyFormat.parse(key).orElseThrow(() -> new IllegalArgumentException(
        "The bootstrap key must look like hk-<8 letters or digits>_<at least 20 letters, digits, '-' or '_'>"));
    return transactions.inTransaction(em -> {
      Organization org = Organization.withId(DEFAULT_ORG_ID, "default");
      org.autoRoutingEnabled(true);
      em.persist(org);
      em.persist(Team.withId(DEFAULT_TEAM_ID, DEFAULT_ORG_ID, "default"));
      User admin = User.withId(ADMIN_USER_ID, DEFAULT_ORG_ID, DEFAULT_TEAM_ID, ADMIN_EMAIL, UserRole.PLATFORM_ADMIN);
      admin.displayName("Bootstrap administrator");
      em.persist(admin);
      em.persist(new VirtualKey(presented.prefix(), hasher.hashHex(presented.key()), "bootstrap", admin));
      em.flush();
      return presented.prefix();
    });
  }

  /** The configured key when usable, else a newly generated one. */
  public static String keyToUse(Optional<String> configured) {
    return configured.filter(key -> !key.isBlank()).orElseGet(() -> VirtualKeyFormat.generate().key());
  }
}
