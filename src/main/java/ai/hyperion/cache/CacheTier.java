package ai.hyperion.cache;

/** Which tier answered: exact (L1) or semantic (L2). */
public enum CacheTier {
  L1,
  L2;

  public String headerValue() {
    return this == L1 ? "l1" : "l2";
  }
}
