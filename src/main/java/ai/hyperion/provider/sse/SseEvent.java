package ai.hyperion.provider.sse;

/** One server-sent event; {@code event} is null for data-only streams (OpenAI, Gemini). */
public record SseEvent(String event, String data) {}
