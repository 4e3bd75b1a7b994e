package ai.hyperion.dedicated;

import ai.hyperion.persistence.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One instance acts on an endpoint at a time: a lease row in the database ({@code lease_owner},
 * {@code lease_until} of the endpoint), taken by a conditional update that succeeds only when the
 * lease is free, expired, or already ours. An instance that dies mid-action loses its lease when it
 * expires; every action is safe to repeat.
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
                em.createQuery(
                        "update DedicatedEndpoint e set e.leaseOwner = :owner, e.leaseUntil ="
                            + " :until where e.id = :id and (e.leaseOwner is null or"
                            + " e.leaseOwner = :owner or e.leaseUntil < :now)")
                    .setParameter("owner", owner)
                    .setParameter("until", UtcTimes.toUtc(now.plus(length)))
                    .setParameter("now", UtcTimes.toUtc(now))
                    .setParameter("id", endpointId)
                    .executeUpdate());
    return updated == 1;
  }

  public void release(String endpointId) {
    transactions.inTransaction(
        em ->
            em.createQuery(
                    "update DedicatedEndpoint e set e.leaseOwner = null, e.leaseUntil = null"
                        + " where e.id = :id and e.leaseOwner = :owner")
                .setParameter("owner", owner)
                .setParameter("id", endpointId)
                .executeUpdate());
  }
}
