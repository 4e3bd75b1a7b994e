package ai.hyperion.stream;

import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.Usage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the canonical answer of a stream from its events, as a non-streamed call would have
 * returned it: text, reasoning (as the message's {@code reasoning_content}), tool calls with their
 * arguments joined, finish reason and usage per choice. Not thread-safe: one stream's events arrive
 * one at a time.
 */
public final class ChatAccumulator {

  private String id;
  private String model;
  private long created;
  private Usage usage;
  private final Map<Integer, ChoiceState> choices = new TreeMap<>();

  private static final class ChoiceState {
    final StringBuilder text = new StringBuilder();
    final StringBuilder reasoning = new StringBuilder();
    final Map<Integer, ToolCallState> toolCalls = new TreeMap<>();
    boolean anyText;
    FinishReason finish;
  }

  private static final class ToolCallState {
    String id;
    String name;
    final StringBuilder arguments = new StringBuilder();
  }

  public void accept(StreamEvent event) {
    if (event instanceof StreamEvent.Start start) {
      id = start.id();
      model = start.model();
      created = start.created();
    } else if (event instanceof StreamEvent.TextDelta text) {
      ChoiceState choice = choice(text.choice());
      choice.text.append(text.text());
      choice.anyText = true;
    } else if (event instanceof StreamEvent.ReasoningDelta reasoning) {
      choice(reasoning.choice()).reasoning.append(reasoning.text());
    } else if (event instanceof StreamEvent.ToolCallDelta call) {
      ToolCallState state =
          choice(call.choice()).toolCalls.computeIfAbsent(call.index(), i -> new ToolCallState());
      if (call.id() != null) {
        state.id = call.id();
      }
      if (call.name() != null) {
        state.name = call.name();
      }
      if (call.argumentsFragment() != null) {
        state.arguments.append(call.argumentsFragment());
      }
    } else if (event instanceof StreamEvent.Finish finish) {
      choice(finish.choice()).finish = finish.reason();
    } else if (event instanceof StreamEvent.UsageReport report) {
      usage = report.usage();
    }
  }

  /** Whether every choice seen so far got its finish reason (and at least one choice exists). */
  public boolean finished() {
    return !choices.isEmpty() && choices.values().stream().allMatch(c -> c.finish != null);
  }

  public Usage usage() {
    return usage;
  }

  /** The answer so far (the whole answer once the stream ended normally). */
  public ChatResponse answer() {
    List<ChatResponse.Choice> out = new ArrayList<>();
    for (Map.Entry<Integer, ChoiceState> entry : choices.entrySet()) {
      ChoiceState state = entry.getValue();
      List<ToolCall> calls = new ArrayList<>();
      for (ToolCallState call : state.toolCalls.values()) {
        calls.add(new ToolCall(call.id, call.name, call.arguments.toString()));
      }
      ObjectNode extras = null;
      if (!state.reasoning.isEmpty()) {
        extras = Json.object().put("reasoning_content", state.reasoning.toString());
      }
      List<ContentPart> content =
          state.anyText ? List.of(new ContentPart.Text(state.text.toString())) : null;
      ChatMessage message = new ChatMessage(Role.ASSISTANT, content, true, calls, null, extras);
      out.add(new ChatResponse.Choice(entry.getKey(), message, state.finish, null));
    }
    return new ChatResponse(id, created, model, out, usage, null);
  }

  private ChoiceState choice(int index) {
    return choices.computeIfAbsent(index, i -> new ChoiceState());
  }
}
