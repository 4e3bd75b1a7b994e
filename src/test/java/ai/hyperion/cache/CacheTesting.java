package ai.hyperion.cache;

import ai.hyperion.api.RequestOptionsReader;
import ai.hyperion.api.openai.OpenAiRequestReader;
import ai.hyperion.cluster.ClusterSettings;
import ai.hyperion.cluster.HazelcastConfigs;
import ai.hyperion.pipeline.CacheMode;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.Usage;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Members, requests and answers for the cache tests. */
final class CacheTesting {

  private CacheTesting() {}

  static HazelcastInstance member(String cluster, int port, List<String> members) {
    ClusterSettings settings = new ClusterSettings(cluster, "127.0.0.1", port, false, members);
    return Hazelcast.newHazelcastInstance(
        CacheMaps.apply(HazelcastConfigs.member(settings), CacheOptions.defaults()));
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A chat request: an optional system prompt, then one user turn. */
  static ChatRequest chat(String system, String user) {
    ObjectNode body = Json.object().put("model", "gpt-4o-mini").put("temperature", 0.2);
    ArrayNode messages = body.putArray("messages");
    if (system != null) {
      messages.addObject().put("role", "system").put("content", system);
    }
    messages.addObject().put("role", "user").put("content", user);
    return OpenAiRequestReader.read(body, RequestOptionsReader.FIELDS);
  }

  static CacheQuery query(String org, ChatRequest request) {
    return new CacheQuery(org, "team-1", "key-1", "gpt-4o-mini", request, null, null, null, null);
  }

  static CacheQuery query(
      String org, ChatRequest request, CacheMode mode, Integer ttl, Boolean semantic, String cc) {
    return new CacheQuery(org, "team-1", "key-1", "gpt-4o-mini", request, mode, ttl, semantic, cc);
  }

  static ChatResponse answer(String text) {
    return answer(text, FinishReason.STOP);
  }

  static ChatResponse answer(String text, FinishReason finish) {
    return new ChatResponse(
        "chatcmpl-upstream",
        1_700_000_000L,
        "gpt-4o-mini-2024-07-18",
        List.of(new ChatResponse.Choice(0, ChatMessage.text(Role.ASSISTANT, text), finish, null)),
        new Usage(12, 7, 0, 0, 0),
        null);
  }

  static ChatResponse toolCallAnswer() {
    ChatMessage message =
        new ChatMessage(
            Role.ASSISTANT,
            null,
            true,
            List.of(new ToolCall("call_1", "weather", "{\"city\":\"Paris\"}")),
            null,
            null);
    return new ChatResponse(
        "chatcmpl-tool",
        1_700_000_000L,
        "gpt-4o-mini",
        List.of(new ChatResponse.Choice(0, message, FinishReason.TOOL_CALLS, null)),
        new Usage(20, 9),
        null);
  }

  static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("Stage did not complete", e);
    }
  }
}
