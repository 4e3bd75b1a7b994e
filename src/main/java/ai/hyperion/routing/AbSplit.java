package ai.hyperion.routing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;

/**
 * A weighted split of one model's traffic between arms, sticky per user or key: the arm is a pure
 * function of the experiment name and the sticky id (SHA-256 into {@code [0, total weight)}), so a
 * user keeps their arm on every instance and after restarts, and the split matches the weights.
 */
public record AbSplit(String name, String model, List<Arm> arms, Sticky sticky) {

  /** Which identity keeps its arm. */
  public enum Sticky {
    USER,
    KEY
  }

  /** One arm: the model it serves and its weight. */
  public record Arm(String model, int weight) {}

  /** The arm a request was assigned. */
  public record Assignment(String experiment, String arm) {
    /** {@code experiment=arm}, for the {@code x-hyperion-ab} header and the ledger. */
    public String headerValue() {
      return experiment + "=" + arm;
    }
  }

  public AbSplit {
    Objects.requireNonNull(name);
    arms = List.copyOf(arms);
    if (arms.isEmpty() || arms.stream().anyMatch(a -> a.weight() < 1)) {
      throw new IllegalArgumentException("an A/B split needs arms with positive weights");
    }
  }

  /** Whether requests for this model name (or every model, for {@code *}) are split. */
  public boolean applies(String requested, String catalogId) {
    return model == null || model.equals("*") || model.equals(requested) || model.equals(catalogId);
  }

  public Assignment assign(String stickyId) {
    int total = arms.stream().mapToInt(Arm::weight).sum();
    long bucket = Long.remainderUnsigned(hash(name + '\u0000' + stickyId), total);
    for (Arm arm : arms) {
      bucket -= arm.weight();
      if (bucket < 0) {
        return new Assignment(name, arm.model());
      }
    }
    return new Assignment(name, arms.get(arms.size() - 1).model());
  }

  private static long hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      long h = 0;
      for (int i = 0; i < 8; i++) {
        h = (h << 8) | (d[i] & 0xff);
      }
      return h;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
