package ai.hyperion.audit.pii;

/** What an organisation does with sensitive data in prompts. */
public enum PiiMode {
  /** Prompts go upstream as sent; only stored request-log bodies are redacted. */
  LOG_ONLY,
  /** Findings are replaced with placeholders before the prompt leaves for the upstream. */
  MASK,
  /** A prompt with any finding is refused with a 400 naming the detectors. */
  BLOCK
}
