package ai.hyperion.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A chat request in the gateway's canonical form (OpenAI's vocabulary). Everything the gateway does
 * not interpret (seed, n, logprobs, user, parallel_tool_calls, ...) stays in {@code extras} and
 * reaches OpenAI-speaking upstreams untouched. {@code conversationScope} is the organisation whose
 * conversation this is, set by the gateway and never sent upstream: it scopes the provider state
 * kept between turns ({@link ResumeStates}); null outside the gateway.
 */
public record ChatRequest(
    String model,
    List<ChatMessage> messages,
    boolean stream,
    boolean includeUsage,
    Integer maxTokens,
    Integer maxCompletionTokens,
    Double temperature,
    Double topP,
    List<String> stop,
    List<ToolDefinition> tools,
    JsonNode toolChoice,
    JsonNode responseFormat,
    ObjectNode extras,
    String conversationScope) {

  public ChatRequest {
    messages = List.copyOf(messages);
    stop = stop == null ? List.of() : List.copyOf(stop);
    tools = tools == null ? List.of() : List.copyOf(tools);
  }

  public ChatRequest(
      String model,
      List<ChatMessage> messages,
      boolean stream,
      boolean includeUsage,
      Integer maxTokens,
      Integer maxCompletionTokens,
      Double temperature,
      Double topP,
      List<String> stop,
      List<ToolDefinition> tools,
      JsonNode toolChoice,
      JsonNode responseFormat,
      ObjectNode extras) {
    this(
        model,
        messages,
        stream,
        includeUsage,
        maxTokens,
        maxCompletionTokens,
        temperature,
        topP,
        stop,
        tools,
        toolChoice,
        responseFormat,
        extras,
        null);
  }

  /** The output-token limit, whichever of OpenAI's two fields the caller used. */
  public Integer outputTokenLimit() {
    return maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
  }

  public ChatRequest withModel(String upstreamModel) {
    return new ChatRequest(
        upstreamModel,
        messages,
        stream,
        includeUsage,
        maxTokens,
        maxCompletionTokens,
        temperature,
        topP,
        stop,
        tools,
        toolChoice,
        responseFormat,
        extras,
        conversationScope);
  }

  public ChatRequest withConversationScope(String scope) {
    return new ChatRequest(
        model,
        messages,
        stream,
        includeUsage,
        maxTokens,
        maxCompletionTokens,
        temperature,
        topP,
        stop,
        tools,
        toolChoice,
        responseFormat,
        extras,
        scope);
  }
}
