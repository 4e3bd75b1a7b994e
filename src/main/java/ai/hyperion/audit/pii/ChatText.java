package ai.hyperion.audit.pii;

import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Rewrites the text a person or model wrote in the canonical chat records (text parts and tool-call
 * arguments; images, files and unknown parts pass untouched) with a function, keeping everything
 * else as it was.
 */
final class ChatText {

  private ChatText() {}

  static ChatRequest rewrite(ChatRequest request, UnaryOperator<String> text) {
    List<ChatMessage> messages = new ArrayList<>(request.messages().size());
    for (ChatMessage message : request.messages()) {
      messages.add(rewrite(message, text));
    }
    return new ChatRequest(
        request.model(),
        messages,
        request.stream(),
        request.includeUsage(),
        request.maxTokens(),
        request.maxCompletionTokens(),
        request.temperature(),
        request.topP(),
        request.stop(),
        request.tools(),
        request.toolChoice(),
        request.responseFormat(),
        request.extras());
  }

  static ChatResponse rewrite(ChatResponse response, UnaryOperator<String> text) {
    List<ChatResponse.Choice> choices = new ArrayList<>(response.choices().size());
    for (ChatResponse.Choice choice : response.choices()) {
      choices.add(
          new ChatResponse.Choice(
              choice.index(),
              choice.message() == null ? null : rewrite(choice.message(), text),
              choice.finishReason(),
              choice.logprobs()));
    }
    return new ChatResponse(
        response.id(),
        response.created(),
        response.model(),
        choices,
        response.usage(),
        response.extras());
  }

  static ChatMessage rewrite(ChatMessage message, UnaryOperator<String> text) {
    List<ContentPart> content = null;
    if (message.content() != null) {
      content = new ArrayList<>(message.content().size());
      for (ContentPart part : message.content()) {
        content.add(
            part instanceof ContentPart.Text t
                ? new ContentPart.Text(text.apply(t.text()), t.cacheControl())
                : part);
      }
    }
    List<ToolCall> calls = new ArrayList<>(message.toolCalls().size());
    for (ToolCall call : message.toolCalls()) {
      calls.add(
          new ToolCall(
              call.id(),
              call.name(),
              call.arguments() == null ? null : text.apply(call.arguments())));
    }
    return new ChatMessage(
        message.role(), content, message.textOnly(), calls, message.toolCallId(), message.extras());
  }

  /** Every text {@link #rewrite} would see, for scanning without rewriting. */
  static List<String> texts(ChatRequest request) {
    List<String> texts = new ArrayList<>();
    rewrite(
        request,
        t -> {
          texts.add(t);
          return t;
        });
    return texts;
  }
}
