package ai.hyperion.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.admin.Caller;
import ai.hyperion.auth.UserRole;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.RequestCompleted;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.Usage;
import ai.hyperion.stream.StreamSettingsViews.SettingsRequest;
import ai.hyperion.tenancy.Organization;
import ai.hyperion.testing.Tenants;
import ai.hyperion.testing.TestDatabase;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which answers are kept, and where that is decided: on the completing thread when the
 * organisation's policy is known, on a writer thread otherwise.
 */
class ResponsePersisterTest {

  private TestDatabase db;
  private ResponsePersister persister;
  private String org;
  private Path root;

  /** Writer threads start their work only once this opens. */
  private final CountDownLatch writersMayRun = new CountDownLatch(1);

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabase.derby();
    org =
        db.inTransaction(
            em -> {
              Organization o = new Organization("acme-" + UUID.randomUUID());
              em.persist(o);
              return o.id();
            });
    root = Files.createTempDirectory("persister");
    persister = new ResponsePersister();
    persister.store = new FileResponseStore(root);
    persister.options = StreamStoreOptions.defaults();
    persister.settings = new StreamSettingsService(db, persister.options);
    persister.live = new LiveStreams();
    persister.threads = new GatedThreads();
    persister.start();
  }

  @AfterEach
  void tearDown() {
    writersMayRun.countDown();
    persister.stop();
    db.close();
  }

  @Test
  void anAnswerTheKnownPolicyDoesNotKeepIsLetGoOnTheCompletingThread() {
    persister.settings.policy(org); // read once: the on-disconnect default is now at hand
    Exchange exchange = exchange();
    String id = exchange.requestId();
    persister.live.open(id, org, Instant.now(), "m");

    persister.completed(completed(exchange, false));

    assertTrue(
        persister.live.find(org, id).isEmpty(),
        "forgotten before completed() returned, no writer involved");
    assertEquals(0, persister.stored());
  }

  @Test
  void anAnswerTheKnownPolicyKeepsIsWrittenByAWriter() throws Exception {
    persister.settings.update(
        new Caller("admin", org, null, UserRole.ORG_ADMIN),
        org,
        new SettingsRequest("always", null));
    persister.settings.policy(org);
    Exchange exchange = exchange();
    String id = exchange.requestId();
    persister.live.open(id, org, Instant.now(), "m");

    persister.completed(completed(exchange, false));
    assertFalse(persister.live.find(org, id).isEmpty(), "left to the writer");
    writersMayRun.countDown();

    assertTrue(awaitStored(1), "written");
    assertTrue(persister.store.get(org, id).isPresent());
  }

  @Test
  void withThePolicyNotAtHandAWriterReadsItAndDecides() throws Exception {
    Exchange exchange = exchange();
    String id = exchange.requestId();
    persister.live.open(id, org, Instant.now(), "m");

    persister.completed(completed(exchange, true));
    writersMayRun.countDown();

    assertTrue(awaitStored(1), "a client that left: kept under the default");
    assertTrue(persister.store.get(org, id).isPresent());
  }

  private boolean awaitStored(long count) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (persister.stored() < count && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    return persister.stored() >= count;
  }

  private Exchange exchange() {
    Exchange exchange = new Exchange("/v1/chat/completions", false);
    exchange.tenant(Tenants.member(org, "hk-test", Set.of()));
    return exchange;
  }

  private static RequestCompleted completed(Exchange exchange, boolean clientDisconnected) {
    ChatResponse answer =
        new ChatResponse(
            "chatcmpl-1",
            1,
            "m",
            List.of(
                new ChatResponse.Choice(
                    0, ChatMessage.text(Role.ASSISTANT, "hi"), FinishReason.STOP, null)),
            new Usage(1, 1),
            null);
    return new RequestCompleted(
        exchange, 200, null, answer, answer.usage(), true, clientDisconnected, List.of());
  }

  private final class GatedThreads implements ManagedThreadFactory {
    @Override
    public Thread newThread(Runnable work) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  writersMayRun.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                work.run();
              },
              "persister-test-writer");
      thread.setDaemon(true);
      return thread;
    }

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
      throw new UnsupportedOperationException("not used by the persister");
    }
  }
}
