package ai.hyperion.provider;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A request's body as bytes, read from its {@link HttpRequest.BodyPublisher}. The gateway's bodies
 * are byte arrays and strings, whose publishers deliver everything when first asked, so the stage
 * is complete when this returns; a publisher that delivers later completes it then.
 */
final class RequestBodies {

  private static final byte[] NONE = new byte[0];

  private RequestBodies() {}

  static CompletableFuture<byte[]> read(HttpRequest request) {
    if (request.bodyPublisher().isEmpty()) {
      return CompletableFuture.completedFuture(NONE);
    }
    HttpRequest.BodyPublisher publisher = request.bodyPublisher().get();
    CompletableFuture<byte[]> body = new CompletableFuture<>();
    long length = publisher.contentLength();
    ByteArrayOutputStream bytes =
        new ByteArrayOutputStream(length > 0 && length < Integer.MAX_VALUE ? (int) length : 256);
    publisher.subscribe(
        new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(ByteBuffer item) {
            if (item.hasArray()) {
              bytes.write(item.array(), item.arrayOffset() + item.position(), item.remaining());
            } else {
              byte[] copy = new byte[item.remaining()];
              item.get(copy);
              bytes.writeBytes(copy);
            }
          }

          @Override
          public void onError(Throwable failure) {
            body.completeExceptionally(failure);
          }

          @Override
          public void onComplete() {
            body.complete(bytes.toByteArray());
          }
        });
    return body;
  }
}
