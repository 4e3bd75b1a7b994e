package ai.hyperion.stream;

import java.io.IOException;

/** A channel whose client is already gone: a stream given to it is read and dropped. */
public enum ClosedChannel implements ClientChannel {
  INSTANCE;

  @Override
  public boolean isReady() {
    return false;
  }

  @Override
  public void send(String text) throws IOException {
    throw new IOException("the client is gone");
  }

  @Override
  public void flush() throws IOException {
    throw new IOException("the client is gone");
  }

  @Override
  public void close() {
    // nothing to end
  }
}
