package ai.hyperion.cache;

import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.ToolDefinition;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What identifies a chat request for the cache, computed from the canonical {@link ChatRequest} and
 * the catalog model it resolved to.
 *
 * <p>{@code exact} is a SHA-256 over everything that changes the answer: the model, every message
 * (roles, content parts, tool calls, tool results, unmodelled message fields), the output-token
 * limit, temperature, top_p, stop sequences, tools, tool_choice, response_format and every other
 * field that reaches the upstream ({@code extras}: seed, n, logprobs, ...). JSON is canonical
 * ({@link CanonicalJson}) so key order and number spelling do not split the key. Left out, because
 * they never change the answer: {@code stream}, {@code stream_options}, {@code user} and its
 * successor {@code safety_identifier}, the gateway's own {@code hyperion} block (never in the
 * request), Anthropic-style {@code cache_control} breakpoints, and whether a text turn was sent as
 * a string or as one text part.
 *
 * <p>{@code conversation} is the same hash without the last turn, and {@code lastUserTurn} that
 * turn's text, when the request ends with a text-only user turn: the semantic tier compares the
 * last turn by meaning and requires everything before it to match exactly.
 */
public record RequestFingerprint(String exact, String conversation, String lastUserTurn) {

  /** Extras that reach the upstream but never change the answer. */
  static final Set<String> IGNORED_EXTRAS = Set.of("user", "safety_identifier");

  /** Strict: "{...} trailing text" is not the same arguments as "{...}". */
  private static final ObjectReader STRICT =
      Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  public static RequestFingerprint of(String resolvedModel, ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    String exact = sha256(canonical(resolvedModel, request, messages));
    ChatMessage last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
    String lastText = last == null ? null : plainUserText(last);
    if (lastText == null || lastText.isBlank()) {
      return new RequestFingerprint(exact, null, null);
    }
    String conversation =
        sha256(canonical(resolvedModel, request, messages.subList(0, messages.size() - 1)));
    return new RequestFingerprint(exact, conversation, lastText);
  }

  /** Whether the semantic tier can look this request up. */
  public boolean semanticEligible() {
    return conversation != null;
  }

  /** The canonical text hashed for {@code exact}; for tests and debugging. */
  static String canonical(String model, ChatRequest request, List<ChatMessage> messages) {
    StringBuilder out = new StringBuilder(512);
    out.append("{\"model\":");
    CanonicalJson.string(model, out);
    out.append(",\"messages\":[");
    for (int i = 0; i < messages.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      message(messages.get(i), out);
    }
    out.append("],\"max_output_tokens\":").append(request.outputTokenLimit());
    out.append(",\"temperature\":");
    CanonicalJson.number(request.temperature(), out);
    out.append(",\"top_p\":");
    CanonicalJson.number(request.topP(), out);
    // Stop sequences act as a set: their order does not change where generation stops.
    out.append(",\"stop\":[");
    int n = 0;
    for (String stop : new TreeSet<>(request.stop())) {
      if (n++ > 0) {
        out.append(',');
      }
      CanonicalJson.string(stop, out);
    }
    out.append("],\"tools\":[");
    for (int i = 0; i < request.tools().size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      ToolDefinition tool = request.tools().get(i);
      out.append("{\"name\":");
      CanonicalJson.string(tool.name(), out);
      out.append(",\"description\":");
      CanonicalJson.string(tool.description(), out);
      out.append(",\"parameters\":");
      CanonicalJson.write(tool.parameters(), out);
      out.append('}');
    }
    out.append("],\"tool_choice\":");
    CanonicalJson.write(request.toolChoice(), out);
    out.append(",\"response_format\":");
    CanonicalJson.write(request.responseFormat(), out);
    out.append(",\"extras\":");
    ObjectNode extras = request.extras();
    if (extras == null) {
      out.append("{}");
    } else {
      CanonicalJson.write(extras.deepCopy().without(IGNORED_EXTRAS), out);
    }
    return out.append('}').toString();
  }

  private static void message(ChatMessage message, StringBuilder out) {
    out.append("{\"role\":");
    CanonicalJson.string(message.role().wireName(), out);
    out.append(",\"content\":");
    if (message.content() == null) {
      out.append("null");
    } else {
      out.append('[');
      for (int i = 0; i < message.content().size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        part(message.content().get(i), out);
      }
      out.append(']');
    }
    out.append(",\"tool_calls\":[");
    for (int i = 0; i < message.toolCalls().size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      ToolCall call = message.toolCalls().get(i);
      out.append("{\"id\":");
      CanonicalJson.string(call.id(), out);
      out.append(",\"name\":");
      CanonicalJson.string(call.name(), out);
      out.append(",\"arguments\":");
      arguments(call.arguments(), out);
      out.append('}');
    }
    out.append("],\"tool_call_id\":");
    CanonicalJson.string(message.toolCallId(), out);
    out.append(",\"extras\":");
    if (message.extras() == null) {
      out.append("{}");
    } else {
      CanonicalJson.write(message.extras(), out);
    }
    out.append('}');
  }

  private static void part(ContentPart part, StringBuilder out) {
    if (part instanceof ContentPart.Text t) {
      out.append("{\"type\":\"text\",\"text\":");
      CanonicalJson.string(t.text(), out);
    } else if (part instanceof ContentPart.Image image) {
      out.append("{\"type\":\"image_url\",\"url\":");
      CanonicalJson.string(image.url(), out);
      out.append(",\"detail\":");
      CanonicalJson.string(image.detail(), out);
    } else if (part instanceof ContentPart.File file) {
      out.append("{\"type\":\"file\",\"filename\":");
      CanonicalJson.string(file.filename(), out);
      out.append(",\"file_data\":");
      CanonicalJson.string(file.fileData(), out);
    } else {
      out.append("{\"type\":\"opaque\",\"raw\":");
      CanonicalJson.write(((ContentPart.Opaque) part).raw(), out);
    }
    out.append('}');
  }

  /** Tool-call arguments are a JSON document in a string: compared by content when they parse. */
  private static void arguments(String arguments, StringBuilder out) {
    if (arguments == null) {
      out.append("null");
      return;
    }
    try {
      JsonNode parsed = STRICT.readTree(arguments);
      out.append("{\"json\":");
      CanonicalJson.write(parsed, out);
      out.append('}');
    } catch (JsonProcessingException e) {
      CanonicalJson.string(arguments, out);
    }
  }

  /** The text of a user turn made only of text parts, else null. */
  private static String plainUserText(ChatMessage message) {
    if (message.role() != Role.USER
        || message.content() == null
        || !message.toolCalls().isEmpty()
        || (message.extras() != null && !message.extras().isEmpty())) {
      return null;
    }
    for (ContentPart part : message.content()) {
      if (!(part instanceof ContentPart.Text)) {
        return null;
      }
    }
    return message.text();
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
