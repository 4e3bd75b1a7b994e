package ai.hyperion.provider;

/** A function call made by the model; {@code arguments} is a JSON document as a string. */
public record ToolCall(String id, String name, String arguments) {}
