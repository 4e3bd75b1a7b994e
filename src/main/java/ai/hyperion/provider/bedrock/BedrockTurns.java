package ai.hyperion.provider.bedrock;

import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Builds Converse {@code messages[]}: Bedrock wants user and assistant turns to alternate, so
 * consecutive blocks of the same role (a tool result followed by a user question, two user
 * messages) are merged into one turn. Turns without blocks are dropped.
 */
final class BedrockTurns {

  private final ArrayNode messages = Json.NODES.arrayNode();
  private String lastRole;
  private ArrayNode lastContent;
  private boolean toolBlocks;

  void add(String role, List<ObjectNode> blocks) {
    if (blocks.isEmpty()) {
      return;
    }
    for (ObjectNode block : blocks) {
      toolBlocks |= block.has("toolUse") || block.has("toolResult");
    }
    if (!role.equals(lastRole)) {
      ObjectNode message = messages.addObject().put("role", role);
      lastContent = message.putArray("content");
      lastRole = role;
    }
    blocks.forEach(lastContent::add);
  }

  /** Whether any turn carries a toolUse or toolResult block. */
  boolean hasToolBlocks() {
    return toolBlocks;
  }

  ArrayNode toJson() {
    return messages;
  }
}
