package ai.hyperion.api.openai;

import ai.hyperion.provider.Json;
import ai.hyperion.provider.StreamEvent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.BitSet;

/**
 * Canonical stream events → OpenAI {@code chat.completion.chunk} JSON, for OpenAI-format clients.
 * Stateful (id, model, which choices have had their role chunk): one per stream.
 */
public final class OpenAiChunkWriter {

  private final String servedModel;
  private final boolean includeUsage;
  private String id = "chatcmpl-hyperion";
  private long created = System.currentTimeMillis() / 1000;
  private final BitSet roleSent = new BitSet();

  public OpenAiChunkWriter(String servedModel, boolean includeUsage) {
    this.servedModel = servedModel;
    this.includeUsage = includeUsage;
  }

  /** The chunk for one event, or null when the event produces none for this client. */
  public String write(StreamEvent event) {
    if (event instanceof StreamEvent.Start s) {
      if (s.id() != null) {
        id = s.id();
      }
      if (s.created() > 0) {
        created = s.created();
      }
      // Answer at once, as OpenAI does, with the role and empty content: the client then has the
      // status line and a first event even while the model thinks before its first token.
      return delta(0, "content", "");
    }
    if (event instanceof StreamEvent.TextDelta t) {
      return delta(t.choice(), "content", t.text());
    }
    if (event instanceof StreamEvent.ReasoningDelta r) {
      return delta(r.choice(), "reasoning_content", r.text());
    }
    if (event instanceof StreamEvent.ToolCallDelta c) {
      ObjectNode chunk = chunk();
      ObjectNode choice = choice(chunk, c.choice());
      ObjectNode delta = choice.putObject("delta");
      addRole(delta, c.choice());
      ObjectNode call = delta.putArray("tool_calls").addObject();
      call.put("index", c.index());
      if (c.id() != null) {
        call.put("id", c.id());
        call.put("type", "function");
      }
      ObjectNode function = call.putObject("function");
      if (c.name() != null) {
        function.put("name", c.name());
      }
      function.put("arguments", c.argumentsFragment() == null ? "" : c.argumentsFragment());
      choice.putNull("finish_reason");
      return Json.string(chunk);
    }
    if (event instanceof StreamEvent.Finish f) {
      ObjectNode chunk = chunk();
      ObjectNode choice = choice(chunk, f.choice());
      addRole(choice.putObject("delta"), f.choice());
      choice.put("finish_reason", f.reason().wireName());
      return Json.string(chunk);
    }
    StreamEvent.UsageReport u = (StreamEvent.UsageReport) event;
    if (!includeUsage) {
      return null;
    }
    ObjectNode chunk = chunk();
    chunk.putArray("choices");
    chunk.set("usage", OpenAiResponseWriter.writeUsage(u.usage()));
    return Json.string(chunk);
  }

  private String delta(int index, String field, String text) {
    ObjectNode chunk = chunk();
    ObjectNode choice = choice(chunk, index);
    ObjectNode delta = choice.putObject("delta");
    addRole(delta, index);
    delta.put(field, text);
    choice.putNull("finish_reason");
    return Json.string(chunk);
  }

  private void addRole(ObjectNode delta, int index) {
    if (!roleSent.get(index)) {
      roleSent.set(index);
      delta.put("role", "assistant");
    }
  }

  private ObjectNode chunk() {
    ObjectNode chunk = Json.object();
    chunk.put("id", id);
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", created);
    chunk.put("model", servedModel);
    return chunk;
  }

  private static ObjectNode choice(ObjectNode chunk, int index) {
    ArrayNode choices = chunk.putArray("choices");
    return choices.addObject().put("index", index);
  }
}
