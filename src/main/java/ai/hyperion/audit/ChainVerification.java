package ai.hyperion.audit;

/**
 * The result of walking one audit chain: {@code valid} when every kept record's hash matches its
 * canonical form and links to the one before, and the last one is the head. Otherwise {@code
 * brokenAtSeq} names the first record at fault and {@code problem} says how.
 */
public record ChainVerification(
    String chainId,
    boolean valid,
    long checked,
    long firstSeq,
    long lastSeq,
    String headHash,
    Long brokenAtSeq,
    String problem) {}
