package ai.hyperion.api.anthropic;

import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.Usage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Canonical stream events → Anthropic Messages stream events, in Anthropic's order: {@code
 * message_start}, per block {@code content_block_start} / {@code _delta} / {@code _stop}, then
 * {@code message_delta} (stop reason, usage) and {@code message_stop}. Stateful: one per stream,
 * fed from one thread at a time. Call {@link #complete()} when the canonical stream completes.
 *
 * <p>Usage is rarely known at the start (OpenAI-format upstreams report it last), so {@code
 * message_start} carries zeros and {@code message_delta} the full counts, input and cache included,
 * which the Anthropic SDKs take over. Only choice 0 is written: Anthropic has no choices.
 */
public final class AnthropicEventWriter {

  private enum Block {
    TEXT,
    THINKING,
    TOOL
  }

  private final String servedModel;
  private final Map<Integer, Integer> blockOfTool = new HashMap<>();
  private boolean started;
  private boolean stopped;
  private Block openKind;
  private int openIndex = -1;
  private int nextIndex;
  private FinishReason finish;
  private Usage usage;
  private boolean usageAfterFinish;

  public AnthropicEventWriter(String servedModel) {
    this.servedModel = servedModel;
  }

  /** The Anthropic events for one canonical event (often one, sometimes none or several). */
  public List<AnthropicSseEvent> write(StreamEvent event) {
    List<AnthropicSseEvent> out = new ArrayList<>(3);
    if (stopped) {
      return out;
    }
    if (event instanceof StreamEvent.Start s) {
      start(s.id(), out);
      return out;
    }
    if (event instanceof StreamEvent.UsageReport u) {
      usage = u.usage();
      usageAfterFinish = finish != null;
    } else if (event instanceof StreamEvent.TextDelta t && t.choice() == 0) {
      delta(Block.TEXT, t.text(), out);
    } else if (event instanceof StreamEvent.ReasoningDelta r && r.choice() == 0) {
      delta(Block.THINKING, r.text(), out);
    } else if (event instanceof StreamEvent.ToolCallDelta c && c.choice() == 0) {
      toolCall(c, out);
    } else if (event instanceof StreamEvent.Finish f && f.choice() == 0) {
      start(null, out);
      closeBlock(out);
      finish = f.reason();
    }
    if (finish != null && usageAfterFinish) {
      stop(out);
    }
    return out;
  }

  /** Closes the message when the canonical stream completed; nothing if it was closed already. */
  public List<AnthropicSseEvent> complete() {
    List<AnthropicSseEvent> out = new ArrayList<>(3);
    if (!stopped) {
      start(null, out);
      stop(out);
    }
    return out;
  }

  /** A keep-alive event, as Anthropic sends between blocks. */
  public static AnthropicSseEvent ping() {
    return new AnthropicSseEvent("ping", "{\"type\":\"ping\"}");
  }

  private void start(String id, List<AnthropicSseEvent> out) {
    if (started) {
      return;
    }
    started = true;
    ObjectNode data = Json.object().put("type", "message_start");
    ObjectNode message = data.putObject("message");
    message.put(
        "id",
        AnthropicResponseWriter.messageId(
            id == null ? UUID.randomUUID().toString().replace("-", "") : id));
    message.put("type", "message").put("role", "assistant").put("model", servedModel);
    message.putArray("content");
    message.putNull("stop_reason").putNull("stop_sequence");
    message.set("usage", AnthropicResponseWriter.writeUsage(Usage.NONE));
    out.add(event("message_start", data));
  }

  private void delta(Block kind, String text, List<AnthropicSseEvent> out) {
    start(null, out);
    if (openKind != kind) {
      closeBlock(out);
      ObjectNode block = Json.object();
      if (kind == Block.TEXT) {
        block.put("type", "text").put("text", "");
      } else {
        block.put("type", "thinking").put("thinking", "").put("signature", "");
      }
      openBlock(kind, block, out);
    }
    ObjectNode delta = Json.object();
    if (kind == Block.TEXT) {
      delta.put("type", "text_delta").put("text", text);
    } else {
      delta.put("type", "thinking_delta").put("thinking", text);
    }
    out.add(blockDelta(openIndex, delta));
  }

  private void toolCall(StreamEvent.ToolCallDelta call, List<AnthropicSseEvent> out) {
    start(null, out);
    String fragment = call.argumentsFragment() == null ? "" : call.argumentsFragment();
    Integer block = blockOfTool.get(call.index());
    if (block == null) {
      closeBlock(out);
      String id =
          call.id() != null ? call.id() : "toolu_" + UUID.randomUUID().toString().replace("-", "");
      ObjectNode start =
          Json.object().put("type", "tool_use").put("id", id).put("name", call.name());
      start.putObject("input");
      openBlock(Block.TOOL, start, out);
      blockOfTool.put(call.index(), openIndex);
      // Anthropic opens every tool block with a delta, "" when there is nothing yet, and the Java
      // SDK's accumulator rejects a tool block that had none (a tool called without arguments).
      out.add(
          blockDelta(
              openIndex,
              Json.object().put("type", "input_json_delta").put("partial_json", fragment)));
    } else if (!fragment.isEmpty()) {
      // Fragments of a call whose block is already closed (providers that interleave parallel
      // calls) still name its index; Anthropic never interleaves, so most clients lose them.
      out.add(
          blockDelta(
              block, Json.object().put("type", "input_json_delta").put("partial_json", fragment)));
    }
  }

  private void openBlock(Block kind, ObjectNode contentBlock, List<AnthropicSseEvent> out) {
    openKind = kind;
    openIndex = nextIndex++;
    ObjectNode data = Json.object().put("type", "content_block_start").put("index", openIndex);
    data.set("content_block", contentBlock);
    out.add(event("content_block_start", data));
  }

  private void closeBlock(List<AnthropicSseEvent> out) {
    if (openKind != null) {
      out.add(
          event(
              "content_block_stop",
              Json.object().put("type", "content_block_stop").put("index", openIndex)));
      openKind = null;
    }
  }

  private void stop(List<AnthropicSseEvent> out) {
    closeBlock(out);
    ObjectNode data = Json.object().put("type", "message_delta");
    data.putObject("delta")
        .put(
            "stop_reason",
            AnthropicResponseWriter.stopReason(finish == null ? FinishReason.STOP : finish))
        .putNull("stop_sequence");
    data.set("usage", AnthropicResponseWriter.writeUsage(usage == null ? Usage.NONE : usage));
    out.add(event("message_delta", data));
    out.add(event("message_stop", Json.object().put("type", "message_stop")));
    stopped = true;
  }

  private static AnthropicSseEvent blockDelta(int index, ObjectNode delta) {
    ObjectNode data = Json.object().put("type", "content_block_delta").put("index", index);
    data.set("delta", delta);
    return event("content_block_delta", data);
  }

  private static AnthropicSseEvent event(String name, ObjectNode data) {
    return new AnthropicSseEvent(name, Json.string(data));
  }
}
