package ai.hyperion.dedicated;

import ai.hyperion.persistence.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One instance acts on an endpoint at a time: a lease row in the database ({@code lease_owner},
 * {@code lease_until} of the endpoint), taken by a conditional update that succeeds only when the
 * lease is free, expired, or already ours. An instance that dies mid-action loses its lease when it
 * expires; every action is safe to repeat. Native SQL: a JPQL bulk update would also bump the row's
 * optimistic version and make concurrent API changes fail for nothing.
 */
public class EndpointLeases {

  private final Transactions transactions;
  private final Clock clock;
  private final String owner;
  private final Duration length;

  public EndpointLeases(Transactions transactions, Clock clock, String owner, Duration length) {
    this.transactions = transactions;
    this.clock = clock;
    this.owner = owner;
    this.length = length;
  }

  public String owner() {
    return owner;
  }

  /** Takes or renews the lease; false when another instance holds it. */
  public boolean acquire(String endpointId) {
    Instant now = clock.instant();
    int updated =
        transactions.inTransaction(
            em ->
                em.createNativeQuery(
                        "update dedicated_endpoints set lease_owner = ?, lease_until = ?"
                            + " where id = ? and (lease_owner is null or lease_owner = ?"
                            + " or lease_until < ?)")
                    .setParameter(1, owner)
                    .setParameter(2, UtcTimes.timestamp(now.plus(length)))
                    .setParameter(3, endpointId)
                    .setParameter(4, owner)
                    .setParameter(5, UtcTimes.timestamp(now))
                    .executeUpdate());
    return updated == 1;
  }

  public void release(String endpointId) {
    transactions.inTransaction(
        em ->
            em.createNativeQuery(
                    "update dedicated_endpoints set lease_owner = null, lease_until = null"
                        + " where id = ? and lease_owner = ?")
                .setParameter(1, endpointId)
                .setParameter(2, owner)
                .executeUpdate());
  }
}
