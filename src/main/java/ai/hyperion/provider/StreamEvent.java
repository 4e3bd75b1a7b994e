package ai.hyperion.provider;

/**
 * One event of a streamed answer, whatever the upstream's wire format. A well-formed stream is
 * {@link Start}, then deltas, then one {@link Finish} per choice, optionally {@link UsageReport},
 * and ends when the publisher completes. A stream that fails after it started ends with an error
 * signal on the publisher instead.
 */
public sealed interface StreamEvent {

  record Start(String id, String model, long created) implements StreamEvent {}

  record TextDelta(int choice, String text) implements StreamEvent {}

  /**
   * Reasoning text some providers stream before the answer (Anthropic thinking, Gemini thoughts).
   */
  record ReasoningDelta(int choice, String text) implements StreamEvent {}

  /**
   * A tool call begins ({@code id} and {@code name} set, {@code argumentsFragment} usually empty)
   * or continues ({@code id} and {@code name} null).
   */
  record ToolCallDelta(int choice, int index, String id, String name, String argumentsFragment)
      implements StreamEvent {}

  record Finish(int choice, FinishReason reason) implements StreamEvent {}

  record UsageReport(Usage usage) implements StreamEvent {}
}
