package ai.hyperion.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GeminiSchemaTranslatorTest {

  /** ~300 bytes whose inlining would reach 8^32 nodes without a budget. */
  static final String SELF_REFERENCING =
      """
      {"$ref":"#/$defs/A","$defs":{"A":{"type":"object","properties":{
        "a":{"$ref":"#/$defs/A"},"b":{"$ref":"#/$defs/A"},"c":{"$ref":"#/$defs/A"},
        "d":{"$ref":"#/$defs/A"},"e":{"$ref":"#/$defs/A"},"f":{"$ref":"#/$defs/A"},
        "g":{"$ref":"#/$defs/A"},"h":{"$ref":"#/$defs/A"}}}}}\
      """;

  @Test
  void aSelfReferencingSchemaIsRefusedNamingTheLimitInsteadOfExpandingExponentially()
      throws Exception {
    JsonNode schema = Json.parse(SELF_REFERENCING);
    assertTrue(SELF_REFERENCING.length() < 400, "a small schema");

    InvalidRequestException refused =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () ->
                assertThrows(
                    InvalidRequestException.class,
                    () -> GeminiSchemaTranslator.convert(schema, "tools")));

    assertEquals(400, refused.status());
    assertEquals("tools", refused.param());
    assertTrue(
        refused.getMessage().contains(Integer.toString(GeminiSchemaTranslator.MAX_NODES)),
        refused.getMessage());
  }

  @Test
  void aSharedDefinitionIsConvertedOnceAndInlinedWhereverUsed() throws Exception {
    JsonNode schema =
        Json.parse(
            """
            {"type":"object","properties":{
              "home":{"$ref":"#/$defs/address"},"work":{"$ref":"#/$defs/address"}},
             "$defs":{"address":{"type":"object","additionalProperties":false,
               "properties":{"city":{"type":"string"},"zip":{"type":["string","null"]}}}}}
            """);

    ObjectNode out = GeminiSchemaTranslator.convert(schema, "tools");

    JsonNode expected =
        Json.parse(
            """
            {"type":"object","properties":{"city":{"type":"string"},
             "zip":{"type":"string","nullable":true}}}
            """);
    assertEquals(expected, out.at("/properties/home"));
    assertEquals(expected, out.at("/properties/work"));
    ((ObjectNode) out.at("/properties/home")).put("title", "changed");
    assertEquals(expected, out.at("/properties/work"), "inlined copies share no node");
  }

  @Test
  void aLinearRecursiveSchemaIsStillUnrolledWithinTheBudget() throws Exception {
    JsonNode schema =
        Json.parse(
            """
            {"$ref":"#/$defs/node","$defs":{"node":{"type":"object","properties":{
              "value":{"type":"string"},"next":{"$ref":"#/$defs/node"}}}}}
            """);

    ObjectNode out = GeminiSchemaTranslator.convert(schema, "response_format");

    assertEquals(
        "string", out.at("/properties/next/properties/next/properties/value/type").asText());
  }
}
