package ai.hyperion.stream;

import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A canonical {@link ChatResponse} as bytes, losslessly (every choice, tool call, usage field and
 * pass-through field): JSON with short keys, deflated from 1 KiB when that saves space. The first
 * byte says which.
 */
public final class AnswerCodec {

  private static final byte PLAIN = 0;
  private static final byte DEFLATED = 1;

  /**
   * Below this, deflating saves a few hundred bytes an entry at most, for more CPU than the rest.
   */
  private static final int DEFLATE_FROM = 1024;

  private AnswerCodec() {}

  public static byte[] encode(ChatResponse response) {
    byte[] json = Json.bytes(toJson(response));
    if (json.length >= DEFLATE_FROM) {
      Deflater deflater = Zlib.deflater();
      try {
        deflater.setInput(json);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 2 + 16);
        out.write(DEFLATED);
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
          out.write(buffer, 0, deflater.deflate(buffer));
        }
        if (out.size() < json.length) {
          return out.toByteArray();
        }
      } finally {
        Zlib.release(deflater);
      }
    }
    byte[] plain = new byte[json.length + 1];
    plain[0] = PLAIN;
    System.arraycopy(json, 0, plain, 1, json.length);
    return plain;
  }

  public static ChatResponse decode(byte[] bytes) {
    byte[] json;
    if (bytes[0] == DEFLATED) {
      Inflater inflater = Zlib.inflater();
      try {
        inflater.setInput(bytes, 1, bytes.length - 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 4);
        byte[] buffer = new byte[8192];
        while (!inflater.finished()) {
          int n = inflater.inflate(buffer);
          if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
            throw new IllegalStateException("Truncated cached answer");
          }
          out.write(buffer, 0, n);
        }
        json = out.toByteArray();
      } catch (DataFormatException e) {
        throw new IllegalStateException("Corrupt cached answer", e);
      } finally {
        Zlib.release(inflater);
      }
    } else {
      json = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    try {
      return fromJson(Json.MAPPER.readTree(json));
    } catch (IOException e) {
      throw new IllegalStateException("Corrupt cached answer", e);
    }
  }

  public static ObjectNode toJson(ChatResponse response) {
    ObjectNode node = Json.object();
    node.put("id", response.id());
    node.put("created", response.created());
    node.put("model", response.model());
    ArrayNode choices = node.putArray("choices");
    for (ChatResponse.Choice choice : response.choices()) {
      ObjectNode c = choices.addObject();
      c.put("i", choice.index());
      c.put("finish", choice.finishReason() == null ? null : choice.finishReason().name());
      c.set("logprobs", choice.logprobs());
      ChatMessage message = choice.message();
      c.put("role", message.role().name());
      c.put("textOnly", message.textOnly());
      if (message.content() != null) {
        ArrayNode parts = c.putArray("content");
        for (ContentPart part : message.content()) {
          parts.add(part(part));
        }
      }
      ArrayNode calls = c.putArray("calls");
      for (ToolCall call : message.toolCalls()) {
        calls
            .addObject()
            .put("id", call.id())
            .put("name", call.name())
            .put("args", call.arguments());
      }
      c.set("extras", message.extras());
    }
    Usage usage = response.usage();
    if (usage != null) {
      node.putArray("usage")
          .add(usage.promptTokens())
          .add(usage.completionTokens())
          .add(usage.cachedTokens())
          .add(usage.cacheWriteTokens())
          .add(usage.reasoningTokens());
    }
    node.set("extras", response.extras());
    return node;
  }

  private static JsonNode part(ContentPart part) {
    if (part instanceof ContentPart.Text t) {
      return Json.object().put("text", t.text());
    }
    if (part instanceof ContentPart.Image i) {
      return Json.object().put("image", i.url()).put("detail", i.detail());
    }
    if (part instanceof ContentPart.File f) {
      return Json.object().put("file", f.fileData()).put("filename", f.filename());
    }
    return Json.object().set("opaque", ((ContentPart.Opaque) part).raw());
  }

  public static ChatResponse fromJson(JsonNode node) {
    List<ChatResponse.Choice> choices = new ArrayList<>();
    for (JsonNode c : node.path("choices")) {
      List<ContentPart> content = null;
      if (c.has("content")) {
        content = new ArrayList<>();
        for (JsonNode part : c.get("content")) {
          content.add(part(part));
        }
      }
      List<ToolCall> calls = new ArrayList<>();
      for (JsonNode call : c.path("calls")) {
        calls.add(
            new ToolCall(Json.text(call, "id"), Json.text(call, "name"), Json.text(call, "args")));
      }
      String finish = Json.text(c, "finish");
      JsonNode logprobs = c.get("logprobs");
      choices.add(
          new ChatResponse.Choice(
              c.path("i").asInt(),
              new ChatMessage(
                  Role.valueOf(c.path("role").asText()),
                  content,
                  c.path("textOnly").asBoolean(),
                  calls,
                  null,
                  object(c.get("extras"))),
              finish == null ? null : FinishReason.valueOf(finish),
              logprobs == null || logprobs.isNull() ? null : logprobs));
    }
    JsonNode u = node.get("usage");
    Usage usage =
        u == null || u.isNull()
            ? null
            : new Usage(
                u.get(0).asInt(),
                u.get(1).asInt(),
                u.get(2).asInt(),
                u.get(3).asInt(),
                u.get(4).asInt());
    return new ChatResponse(
        Json.text(node, "id"),
        node.path("created").asLong(),
        Json.text(node, "model"),
        choices,
        usage,
        object(node.get("extras")));
  }

  private static ContentPart part(JsonNode part) {
    if (part.has("text")) {
      return new ContentPart.Text(part.get("text").asText());
    }
    if (part.has("image")) {
      return new ContentPart.Image(part.get("image").asText(), Json.text(part, "detail"));
    }
    if (part.has("file")) {
      return new ContentPart.File(Json.text(part, "filename"), part.get("file").asText());
    }
    return new ContentPart.Opaque(part.get("opaque"));
  }

  private static ObjectNode object(JsonNode node) {
    return node instanceof ObjectNode object ? object : null;
  }
}
