package ai.hyperion.policy;

import ai.hyperion.persistence.Transactions;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The usage ledger's write path: a bounded queue that request threads only offer to, drained in
 * batches (one transaction each) by one writer thread. When the queue is full (the database is down
 * or too slow for a while) a new entry is dropped rather than making a request wait: counted in
 * {@link #dropped()} and logged once per episode; budgets and spend are unaffected (they live in
 * the policy store). A batch that fails to write is kept and retried first on the next flush.
 */
public final class LedgerWriter {

  private static final Logger LOG = Logger.getLogger(LedgerWriter.class.getName());

  private final Transactions transactions;
  private final BlockingQueue<LedgerEntry> queue;
  private final int batchSize;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failedWrites = new AtomicLong();
  private final AtomicBoolean dropping = new AtomicBoolean();
  private final AtomicBoolean failing = new AtomicBoolean();

  /** Touched only by the one thread that flushes (flush is synchronized). */
  private List<LedgerEntry> retry = List.of();

  public LedgerWriter(Transactions transactions, int capacity, int batchSize) {
    this.transactions = transactions;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.batchSize = batchSize;
  }

  /** Never blocks: false (and counted) when the queue is full. */
  public boolean offer(LedgerEntry entry) {
    if (queue.offer(entry)) {
      return true;
    }
    dropped.incrementAndGet();
    if (dropping.compareAndSet(false, true)) {
      LOG.warning(
          () ->
              "The usage ledger queue is full: new entries are dropped until the database catches"
                  + " up (request "
                  + entry.requestId()
                  + " is the first). See hyperion_ledger_dropped_total.");
    }
    return false;
  }

  /** Writes everything queued so far, batch by batch; returns the rows written. */
  public synchronized int flush() {
    int total = 0;
    while (true) {
      List<LedgerEntry> batch = retry;
      if (batch.isEmpty()) {
        batch = new ArrayList<>(batchSize);
        queue.drainTo(batch, batchSize);
        if (batch.isEmpty()) {
          return total;
        }
      }
      try {
        int rows = write(batch);
        total += rows;
        written.addAndGet(rows);
        retry = List.of();
        if (failing.compareAndSet(true, false)) {
          LOG.info("The usage ledger writes again.");
        }
        if (queue.remainingCapacity() > 0) {
          dropping.set(false);
        }
      } catch (RuntimeException e) {
        retry = batch;
        failedWrites.incrementAndGet();
        if (failing.compareAndSet(false, true)) {
          LOG.log(
              Level.WARNING,
              "The usage ledger could not write a batch of "
                  + batch.size()
                  + " rows; it will retry (logged once until a write succeeds)",
              e);
        }
        return total;
      }
    }
  }

  private int write(List<LedgerEntry> batch) {
    Map<String, LedgerEntry> unique = new LinkedHashMap<>();
    batch.forEach(entry -> unique.putIfAbsent(entry.id(), entry));
    try {
      return insert(unique.values(), Set.of());
    } catch (RuntimeException duplicate) {
      // Almost always new rows, so the batch is inserted without looking first; a row already
      // written (an attempt settled twice, a batch retried after its commit's answer was lost)
      // fails the whole batch, which is then written again without the rows already there.
      return transactions.inTransaction(em -> insert(em, unique.values(), existing(em, unique)));
    }
  }

  private int insert(Collection<LedgerEntry> entries, Set<String> skip) {
    return transactions.inTransaction(em -> insert(em, entries, skip));
  }

  private static int insert(EntityManager em, Collection<LedgerEntry> entries, Set<String> skip) {
    List<UsageRecord> rows = new ArrayList<>(entries.size());
    for (LedgerEntry entry : entries) {
      if (!skip.contains(entry.id())) {
        rows.add(UsageRecord.of(entry));
      }
    }
    return UsageRecord.INSERT.insert(em, rows);
  }

  private static Set<String> existing(EntityManager em, Map<String, LedgerEntry> unique) {
    return new HashSet<>(
        em.createQuery("select r.id from UsageRecord r where r.id in :ids", String.class)
            .setParameter("ids", List.copyOf(unique.keySet()))
            .getResultList());
  }

  public int queued() {
    return queue.size();
  }

  public long written() {
    return written.get();
  }

  public long dropped() {
    return dropped.get();
  }

  public long failedWrites() {
    return failedWrites.get();
  }
}
