package ai.hyperion.alerting;

import ai.hyperion.persistence.Transactions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Decides, atomically across instances, whether a rule may fire for a subject now: the first claim
 * of a subject inserts its row, later ones succeed only by a conditional update that moves {@code
 * last_fired_at} forward when the cooldown has passed. Two instances evaluating the same incident:
 * one claim wins, the other sees zero rows updated (or a duplicate key) and stays quiet.
 */
final class Cooldowns {

  private final Transactions transactions;

  Cooldowns(Transactions transactions) {
    this.transactions = transactions;
  }

  boolean claim(String ruleId, String subject, Instant now, Duration cooldown) {
    String id = ruleId + "|" + (subject.length() > 200 ? subject.substring(0, 200) : subject);
    LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
    LocalDateTime readyBy = LocalDateTime.ofInstant(now.minus(cooldown), ZoneOffset.UTC);
    int moved =
        transactions.inTransaction(
            em ->
                em.createQuery(
                        "update AlertCooldown c set c.lastFiredAt = :now"
                            + " where c.id = :id and c.lastFiredAt <= :readyBy")
                    .setParameter("now", at)
                    .setParameter("id", id)
                    .setParameter("readyBy", readyBy)
                    .executeUpdate());
    if (moved == 1) {
      return true;
    }
    boolean exists = transactions.inTransaction(em -> em.find(AlertCooldown.class, id) != null);
    if (exists) {
      return false;
    }
    try {
      transactions.inTransaction(
          em -> {
            em.persist(new AlertCooldown(id, now));
            em.flush();
            return null;
          });
      return true;
    } catch (RuntimeException anotherInstanceClaimedIt) {
      return false;
    }
  }
}
