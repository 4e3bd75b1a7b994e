package ai.hyperion.policy;

/**
 * A request's tokens as estimated before the call: the prompt, the most the answer may produce
 * (what budgets reserve), and what counts against tokens-per-minute limits now (the prompt plus the
 * caller's own {@code max_tokens}, as OpenAI counts it; reconciled at settlement).
 */
public record TokenEstimate(
    int promptTokens, int maxOutputTokens, int rateLimitTokens, Tokenizer tokenizer) {}
