package ai.hyperion.dedicated;

import ai.hyperion.provider.Secret;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last lines a server printed, bounded, with the endpoint's access token masked as each line
 * arrives (a server that echoes its environment must not leak it into the logs API). Thread-safe.
 */
final class LogTail {

  private final int capacity;
  private final Secret mask;
  private final ArrayDeque<String> lines;

  LogTail(int capacity, Secret mask) {
    this.capacity = capacity;
    this.mask = mask;
    this.lines = new ArrayDeque<>(capacity);
  }

  synchronized void add(String line) {
    if (lines.size() == capacity) {
      lines.removeFirst();
    }
    lines.addLast(masked(line, mask));
  }

  synchronized List<String> last(int max) {
    List<String> all = new ArrayList<>(lines);
    return List.copyOf(all.subList(Math.max(0, all.size() - max), all.size()));
  }

  static String masked(String line, Secret secret) {
    if (secret == null || secret.isBlank() || line == null) {
      return line;
    }
    return line.replace(secret.value(), secret.toString());
  }
}
