package ai.hyperion.provider;

import com.fasterxml.jackson.databind.JsonNode;

/** A function the model may call; {@code parameters} is its JSON Schema (may be null). */
public record ToolDefinition(
    String name, String description, JsonNode parameters, JsonNode cacheControl) {}
