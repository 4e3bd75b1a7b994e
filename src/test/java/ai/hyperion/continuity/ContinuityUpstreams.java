package ai.hyperion.continuity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * One fake upstream per provider family on one port of 127.0.0.1, each enforcing that provider's
 * documented request rules and answering a conversation in two steps: a first turn gets a tool call
 * (with the provider's opaque reasoning state: a Gemini thought signature, an Anthropic thinking
 * block, a Bedrock reasoning signature), a turn that carries the tool's result gets the final
 * answer. A request that breaks a rule gets the provider's 400 error and is recorded in {@link
 * #violations()}. Every opaque token a fake issues is recorded, so a test can prove that none
 * reaches another provider.
 *
 * <p>Rules enforced (from the providers' API references):
 *
 * <ul>
 *   <li>OpenAI: tool-call ids at most 40 characters of {@code [a-zA-Z0-9_-]}; a tool message
 *       answers a call of the preceding assistant message; no unknown message fields; temperature
 *       0..2, top_p 0..1, at most 4 stop sequences.
 *   <li>Anthropic: only known top-level fields, {@code max_tokens} required, turns alternate from
 *       {@code user}; {@code tool_use} ids of {@code [a-zA-Z0-9_-]}; {@code tool_result} blocks
 *       first in the user turn, each answering a {@code tool_use} of the previous turn; thinking
 *       blocks only with a signature this API issued; with thinking on, the assistant turn being
 *       continued starts with a thinking block and temperature is 1 if set; temperature and top_p
 *       0..1 and not both.
 *   <li>Gemini and Vertex (model {@code gemini-3-pro-preview}): the first function call of each
 *       model turn carries a thought signature, which must be one this platform issued or Google's
 *       documented {@code skip_thought_signature_validator}; function responses name a call of the
 *       previous model turn; temperature 0..2, topP 0..1, at most 5 stop sequences.
 *   <li>Bedrock Converse: {@code toolUseId} at most 64 characters of {@code [a-zA-Z0-9_-]}; turns
 *       alternate from {@code user}; a tool result answers a tool use of the previous turn; images
 *       as bytes; temperature and topP 0..1.
 * </ul>
 */
final class ContinuityUpstreams implements AutoCloseable {

  static final String FINAL_ANSWER = "It is sunny in Paris.";
  static final String GEMINI_DUMMY_SIGNATURE = "skip_thought_signature_validator";

  /** A request that broke a provider's rule. */
  record Violation(Family family, String rule) {}

  /** One request as an upstream saw it. */
  record Seen(Family family, String path, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern OPENAI_ID = Pattern.compile("[a-zA-Z0-9_-]{1,40}");
  private static final Pattern ANTHROPIC_ID = Pattern.compile("[a-zA-Z0-9_-]+");
  private static final Pattern BEDROCK_ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
  private static final Set<String> OPENAI_MESSAGE_FIELDS =
      Set.of("role", "content", "name", "tool_calls", "tool_call_id", "refusal", "audio");
  private static final Set<String> ANTHROPIC_FIELDS =
      Set.of(
          "model",
          "anthropic_version",
          "messages",
          "system",
          "max_tokens",
          "metadata",
          "stop_sequences",
          "stream",
          "temperature",
          "tool_choice",
          "tools",
          "top_k",
          "top_p",
          "thinking");
  private static final Set<String> BEDROCK_FIELDS =
      Set.of(
          "messages",
          "system",
          "inferenceConfig",
          "toolConfig",
          "guardrailConfig",
          "additionalModelRequestFields",
          "outputConfig");

  private final HttpServer server;
  private final SecureRandom random = new SecureRandom();
  private final List<Violation> violations = new ArrayList<>();
  private final List<Seen> seen = new ArrayList<>();
  private final Map<Family, Set<String>> issued = new EnumMap<>(Family.class);
  private final Map<Family, String> quotaExhausted = new ConcurrentHashMap<>();

  ContinuityUpstreams() {
    for (Family f : Family.values()) {
      issued.put(f, ConcurrentHashMap.newKeySet());
    }
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  synchronized List<Violation> violations() {
    return List.copyOf(violations);
  }

  synchronized Seen last(Family family) {
    for (int i = seen.size() - 1; i >= 0; i--) {
      if (seen.get(i).family() == family) {
        return seen.get(i);
      }
    }
    throw new AssertionError(family + " saw no request");
  }

  /** Every opaque token (signature) this family's fake handed out. */
  Set<String> issuedBy(Family family) {
    return Set.copyOf(issued.get(family));
  }

  /** The next request to this family is answered with its documented 429 body. */
  void exhaustQuota(Family family, String body) {
    quotaExhausted.put(family, body);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      Family family = familyOf(path);
      synchronized (this) {
        seen.add(new Seen(family, path, body));
      }
      String exhausted = quotaExhausted.remove(family);
      if (exhausted != null) {
        reply(exchange, 429, exhausted);
        return;
      }
      List<String> broken = new ArrayList<>();
      switch (family) {
        case OPENAI -> checkOpenAi(body, broken);
        case ANTHROPIC -> checkAnthropic(body, broken);
        case GEMINI, VERTEX -> checkGemini(family, body, broken);
        case BEDROCK -> checkBedrock(body, broken, exchange);
      }
      if (!broken.isEmpty()) {
        synchronized (this) {
          broken.forEach(rule -> violations.add(new Violation(family, rule)));
        }
        reply(exchange, 400, error(family, String.join("; ", broken)));
        return;
      }
      boolean answered = hasToolResult(family, body);
      reply(exchange, 200, JSON.writeValueAsString(answer(family, answered)));
    }
  }

  private static Family familyOf(String path) {
    for (Family f : Family.values()) {
      if (path.startsWith("/" + f.name().toLowerCase() + "/")) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown path " + path);
  }

  // ---- rules -------------------------------------------------------------------------------

  private static void checkOpenAi(JsonNode body, List<String> broken) {
    range(body.get("temperature"), 0, 2, "temperature", broken);
    range(body.get("top_p"), 0, 1, "top_p", broken);
    if (body.path("stop").isArray() && body.get("stop").size() > 4) {
      broken.add("'stop' has more than 4 items");
    }
    Set<String> openCalls = new HashSet<>();
    JsonNode messages = body.path("messages");
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      for (Iterator<String> it = m.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!OPENAI_MESSAGE_FIELDS.contains(field)) {
          broken.add("messages[" + i + "]: additional property '" + field + "' is not allowed");
        }
      }
      String role = m.path("role").asText();
      if ("assistant".equals(role)) {
        openCalls.clear();
        for (JsonNode call : m.path("tool_calls")) {
          String id = call.path("id").asText();
          if (!OPENAI_ID.matcher(id).matches()) {
            broken.add(
                "messages[" + i + "].tool_calls id '" + id + "': at most 40 of [a-zA-Z0-9_-]");
          }
          openCalls.add(id);
        }
      } else if ("tool".equals(role)) {
        String id = m.path("tool_call_id").asText();
        if (!OPENAI_ID.matcher(id).matches()) {
          broken.add("messages[" + i + "].tool_call_id: at most 40 of [a-zA-Z0-9_-]");
        }
        if (!openCalls.contains(id)) {
          broken.add("messages[" + i + "]: a tool message must answer a preceding tool_calls id");
        }
      }
    }
  }

  private void checkAnthropic(JsonNode body, List<String> broken) {
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!ANTHROPIC_FIELDS.contains(field)) {
        broken.add(field + ": Extra inputs are not permitted");
      }
    }
    if (!body.path("max_tokens").isInt()) {
      broken.add("max_tokens: Field required");
    }
    range(body.get("temperature"), 0, 1, "temperature", broken);
    range(body.get("top_p"), 0, 1, "top_p", broken);
    if (body.has("temperature") && body.has("top_p")) {
      broken.add("`temperature` and `top_p` cannot both be specified for this model");
    }
    boolean thinking = "enabled".equals(body.path("thinking").path("type").asText());
    if (thinking && body.has("temperature") && body.get("temperature").asDouble() != 1.0) {
      broken.add("temperature may only be set to 1 when thinking is enabled");
    }
    JsonNode messages = body.path("messages");
    String expected = "user";
    Set<String> previousToolUses = Set.of();
    JsonNode lastToolTurn = null;
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String role = m.path("role").asText();
      if (!expected.equals(role)) {
        broken.add("messages[" + i + "]: roles must alternate, starting with user");
      }
      expected = "user".equals(role) ? "assistant" : "user";
      Set<String> toolUses = new HashSet<>();
      boolean seenOther = false;
      for (JsonNode block : m.path("content")) {
        String type = block.path("type").asText();
        switch (type) {
          case "tool_use" -> {
            String id = block.path("id").asText();
            if (!ANTHROPIC_ID.matcher(id).matches()) {
              broken.add("messages[" + i + "]: tool_use.id must match ^[a-zA-Z0-9_-]+$");
            }
            toolUses.add(id);
            lastToolTurn = m;
          }
          case "tool_result" -> {
            if (seenOther) {
              broken.add("messages[" + i + "]: tool_result blocks must come first");
            }
            if (!previousToolUses.contains(block.path("tool_use_id").asText())) {
              broken.add("messages[" + i + "]: unexpected tool_use_id found in tool_result blocks");
            }
          }
          case "thinking" -> {
            if (!issued.get(Family.ANTHROPIC).contains(block.path("signature").asText())) {
              broken.add("messages[" + i + "]: Invalid `signature` in `thinking` block");
            }
          }
          case "redacted_thinking", "text", "image", "document" -> {}
          default -> broken.add("messages[" + i + "]: unknown block type '" + type + "'");
        }
        if (!"tool_result".equals(type)) {
          seenOther = true;
        }
      }
      previousToolUses = toolUses;
    }
    if (thinking && lastToolTurn != null) {
      String first = lastToolTurn.path("content").path(0).path("type").asText();
      if (!first.equals("thinking") && !first.equals("redacted_thinking")) {
        broken.add(
            "Expected `thinking` or `redacted_thinking`, but found `"
                + first
                + "`. When `thinking` is enabled, a final `assistant` message must start with a"
                + " thinking block");
      }
    }
  }

  private void checkGemini(Family family, JsonNode body, List<String> broken) {
    JsonNode config = body.path("generationConfig");
    range(config.get("temperature"), 0, 2, "temperature", broken);
    range(config.get("topP"), 0, 1, "topP", broken);
    if (config.path("stopSequences").size() > 5) {
      broken.add("stopSequences: at most 5");
    }
    Set<String> previousCalls = Set.of();
    JsonNode contents = body.path("contents");
    for (int i = 0; i < contents.size(); i++) {
      JsonNode turn = contents.get(i);
      String role = turn.path("role").asText();
      if (!role.equals("user") && !role.equals("model")) {
        broken.add("contents[" + i + "].role must be user or model");
      }
      Set<String> calls = new HashSet<>();
      boolean firstCall = true;
      for (JsonNode part : turn.path("parts")) {
        if (part.has("functionCall")) {
          calls.add(part.path("functionCall").path("name").asText());
          String signature = part.path("thoughtSignature").asText(null);
          if (firstCall && signature == null) {
            broken.add(
                "Function call in the "
                    + (i + 1)
                    + ". content block is missing a `thought_signature`");
          }
          if (signature != null
              && !signature.equals(GEMINI_DUMMY_SIGNATURE)
              && !issued.get(family).contains(standardBase64(signature))) {
            broken.add("contents[" + i + "]: Corrupted thought signature");
          }
          firstCall = false;
        }
        if (part.has("functionResponse")
            && !previousCalls.contains(part.path("functionResponse").path("name").asText())) {
          broken.add("contents[" + i + "]: function response does not match a function call");
        }
      }
      if (!calls.isEmpty() || role.equals("model")) {
        previousCalls = calls;
      }
    }
  }

  /** Google's SDKs send signatures back as base64url; Gemini takes either alphabet. */
  private static String standardBase64(String signature) {
    String standard = signature.replace('-', '+').replace('_', '/');
    return standard + "=".repeat((4 - standard.length() % 4) % 4);
  }

  private static void checkBedrock(JsonNode body, List<String> broken, HttpExchange exchange) {
    if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
      broken.add("missing SigV4 Authorization");
    }
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!BEDROCK_FIELDS.contains(field)) {
        broken.add("extraneous key [" + field + "] is not permitted");
      }
    }
    JsonNode inference = body.path("inferenceConfig");
    range(inference.get("temperature"), 0, 1, "inferenceConfig.temperature", broken);
    range(inference.get("topP"), 0, 1, "inferenceConfig.topP", broken);
    JsonNode messages = body.path("messages");
    String expected = "user";
    Set<String> previousUses = Set.of();
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String role = m.path("role").asText();
      if (!expected.equals(role)) {
        broken.add("messages[" + i + "]: conversation must alternate user/assistant");
      }
      expected = "user".equals(role) ? "assistant" : "user";
      Set<String> uses = new HashSet<>();
      for (JsonNode block : m.path("content")) {
        if (block.has("toolUse")) {
          String id = block.path("toolUse").path("toolUseId").asText();
          if (!BEDROCK_ID.matcher(id).matches()) {
            broken.add(
                "messages." + i + ".content.toolUse.toolUseId: length <= 64, [a-zA-Z0-9_-]+");
          }
          uses.add(id);
        }
        if (block.has("toolResult")) {
          String id = block.path("toolResult").path("toolUseId").asText();
          if (!BEDROCK_ID.matcher(id).matches()) {
            broken.add(
                "messages." + i + ".content.toolResult.toolUseId: length <= 64, [a-zA-Z0-9_-]+");
          }
          if (!previousUses.contains(id)) {
            broken.add("messages." + i + ": toolResult does not match a toolUse");
          }
        }
        if (block.has("image") && !block.path("image").path("source").has("bytes")) {
          broken.add("messages." + i + ": image source must be bytes");
        }
      }
      previousUses = uses;
    }
  }

  private static void range(JsonNode value, double min, double max, String name, List<String> b) {
    if (value != null && !value.isNull() && (value.asDouble() < min || value.asDouble() > max)) {
      b.add(name + ": " + value.asText() + " is outside " + min + ".." + max);
    }
  }

  private static boolean hasToolResult(Family family, JsonNode body) {
    String text = body.toString();
    return switch (family) {
      case OPENAI -> text.contains("\"role\":\"tool\"");
      case ANTHROPIC -> text.contains("\"tool_result\"");
      case GEMINI, VERTEX -> text.contains("\"functionResponse\"");
      case BEDROCK -> text.contains("\"toolResult\"");
    };
  }

  // ---- answers -----------------------------------------------------------------------------

  private String token(Family family, int bytes) {
    byte[] raw = new byte[bytes];
    random.nextBytes(raw);
    String token = Base64.getEncoder().encodeToString(raw);
    issued.get(family).add(token);
    return token;
  }

  private String randomId(String prefix, int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder id = new StringBuilder(prefix);
    for (int i = 0; i < length; i++) {
      id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return id.toString();
  }

  private ObjectNode answer(Family family, boolean final_) {
    ObjectNode out = JSON.createObjectNode();
    switch (family) {
      case OPENAI -> {
        out.put("id", "chatcmpl-" + randomId("", 10)).put("object", "chat.completion");
        out.put("created", 1_700_000_000L).put("model", "gpt-4o-2024-08-06");
        ObjectNode choice = out.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (final_) {
          message.put("content", FINAL_ANSWER);
          choice.put("finish_reason", "stop");
        } else {
          message.putNull("content");
          ObjectNode call = message.putArray("tool_calls").addObject();
          call.put("id", randomId("call_", 24)).put("type", "function");
          call.putObject("function")
              .put("name", "get_weather")
              .put("arguments", "{\"city\":\"Paris\"}");
          choice.put("finish_reason", "tool_calls");
        }
        out.putObject("usage")
            .put("prompt_tokens", 20)
            .put("completion_tokens", 5)
            .put("total_tokens", 25);
      }
      case ANTHROPIC -> {
        out.put("id", randomId("msg_", 20)).put("type", "message").put("role", "assistant");
        out.put("model", "claude-sonnet-4-5-20250929");
        ArrayNode content = out.putArray("content");
        if (final_) {
          content.addObject().put("type", "text").put("text", FINAL_ANSWER);
          out.put("stop_reason", "end_turn");
        } else {
          content
              .addObject()
              .put("type", "thinking")
              .put("thinking", "The user wants the weather; I will call the tool.")
              .put("signature", token(Family.ANTHROPIC, 180));
          ObjectNode use =
              content.addObject().put("type", "tool_use").put("id", randomId("toolu_01", 22));
          use.put("name", "get_weather").putObject("input").put("city", "Paris");
          out.put("stop_reason", "tool_use");
        }
        out.putNull("stop_sequence");
        out.putObject("usage").put("input_tokens", 20).put("output_tokens", 5);
      }
      case GEMINI, VERTEX -> {
        ObjectNode candidate = out.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content").put("role", "model");
        ArrayNode parts = content.putArray("parts");
        if (final_) {
          parts.addObject().put("text", FINAL_ANSWER);
        } else {
          parts.addObject().put("text", "The user wants the weather.").put("thought", true);
          ObjectNode call = parts.addObject();
          call.putObject("functionCall")
              .put("name", "get_weather")
              .putObject("args")
              .put("city", "Paris");
          // Real signatures run to hundreds of characters.
          call.put("thoughtSignature", token(family, 300));
        }
        candidate.put("finishReason", "STOP").put("index", 0);
        out.putObject("usageMetadata")
            .put("promptTokenCount", 20)
            .put("candidatesTokenCount", 5)
            .put("totalTokenCount", 25);
        out.put("modelVersion", "gemini-3-pro-preview").put("responseId", randomId("", 12));
      }
      case BEDROCK -> {
        ObjectNode message = out.putObject("output").putObject("message").put("role", "assistant");
        ArrayNode content = message.putArray("content");
        if (final_) {
          content.addObject().put("text", FINAL_ANSWER);
          out.put("stopReason", "end_turn");
        } else {
          content
              .addObject()
              .putObject("reasoningContent")
              .putObject("reasoningText")
              .put("text", "The user wants the weather.")
              .put("signature", token(Family.BEDROCK, 120));
          ObjectNode use =
              content.addObject().putObject("toolUse").put("toolUseId", randomId("tooluse_", 22));
          use.put("name", "get_weather").putObject("input").put("city", "Paris");
          out.put("stopReason", "tool_use");
        }
        out.putObject("usage").put("inputTokens", 20).put("outputTokens", 5).put("totalTokens", 25);
        out.putObject("metrics").put("latencyMs", 12);
      }
    }
    return out;
  }

  private static String error(Family family, String message) {
    ObjectNode out = JSON.createObjectNode();
    switch (family) {
      case OPENAI ->
          out.putObject("error")
              .put("message", message)
              .put("type", "invalid_request_error")
              .putNull("param")
              .putNull("code");
      case ANTHROPIC -> {
        out.put("type", "error");
        out.putObject("error").put("type", "invalid_request_error").put("message", message);
      }
      case GEMINI, VERTEX ->
          out.putObject("error")
              .put("code", 400)
              .put("message", message)
              .put("status", "INVALID_ARGUMENT");
      case BEDROCK -> out.put("message", message);
    }
    return out.toString();
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    if (status == 400 && exchange.getRequestURI().getPath().startsWith("/bedrock/")) {
      exchange.getResponseHeaders().add("x-amzn-ErrorType", "ValidationException");
    }
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
