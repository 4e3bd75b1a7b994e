package ai.hyperion.audit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One field an admin change touched, with its value before and after ({@code null} = absent).
 * Secret fields carry a marker instead of their value ({@link Changes#SECRET}).
 */
public record FieldChange(String field, JsonNode before, JsonNode after) {}
