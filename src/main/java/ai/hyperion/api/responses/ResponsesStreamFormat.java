package ai.hyperion.api.responses;

import ai.hyperion.pipeline.GatewayError;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.Usage;
import ai.hyperion.stream.StreamFormat;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Canonical stream events → Responses API events: {@code response.created} and {@code
 * response.in_progress} at the start; one output item at a time (the assistant message with its
 * output_text part, then each function call), opened with {@code output_item.added}, filled by
 * deltas and closed with the {@code .done} events; {@code response.completed} (or {@code
 * response.incomplete}) with the whole response at the end, {@code response.failed} on an error.
 * Every event carries its {@code sequence_number}. Only the first choice is written: the Responses
 * API has one. One instance per stream.
 */
final class ResponsesStreamFormat implements StreamFormat {

  private final ObjectNode response;
  private final Consumer<ObjectNode> completed;
  private final List<ObjectNode> output = new ArrayList<>();
  private int sequence;
  private boolean started;
  private ObjectNode openItem;
  private StringBuilder openText;
  private int openCallIndex = -1;
  private FinishReason finish;
  private Usage usage;

  /**
   * {@code response} is the response object without output ({@link ResponsesWriter#shell}); {@code
   * completed} receives the finished response object when the stream ends well.
   */
  ResponsesStreamFormat(ObjectNode response, Consumer<ObjectNode> completed) {
    this.response = response;
    this.completed = completed;
  }

  @Override
  public List<String> write(StreamEvent event) {
    List<String> out = new ArrayList<>();
    if (!started) {
      start(out);
    }
    if (event instanceof StreamEvent.TextDelta text && text.choice() == 0) {
      if (openText == null) {
        closeItem(out);
        openMessage(out);
      }
      openText.append(text.text());
      ObjectNode delta = itemEvent("response.output_text.delta");
      delta.put("content_index", 0);
      delta.put("delta", text.text());
      delta.putArray("logprobs");
      out.add(sse(delta));
    } else if (event instanceof StreamEvent.ToolCallDelta call && call.choice() == 0) {
      if (call.index() != openCallIndex) {
        closeItem(out);
        openCall(out, call);
      }
      String fragment = call.argumentsFragment();
      if (fragment != null && !fragment.isEmpty()) {
        openItem.put("arguments", openItem.path("arguments").asText() + fragment);
        ObjectNode delta = itemEvent("response.function_call_arguments.delta");
        delta.put("delta", fragment);
        out.add(sse(delta));
      }
    } else if (event instanceof StreamEvent.Finish end && end.choice() == 0) {
      finish = end.reason();
    } else if (event instanceof StreamEvent.UsageReport report) {
      usage = report.usage();
    }
    return out;
  }

  @Override
  public String end() {
    List<String> out = new ArrayList<>();
    if (!started) {
      start(out);
    }
    closeItem(out);
    ObjectNode done = response.deepCopy();
    ArrayNode items = done.putArray("output");
    output.forEach(items::add);
    ResponsesWriter.finish(done, finish == null ? FinishReason.STOP : finish, usage);
    completed.accept(done);
    String type =
        "incomplete".equals(done.path("status").asText())
            ? "response.incomplete"
            : "response.completed";
    out.add(sse(event(type).set("response", done)));
    return String.join("", out);
  }

  @Override
  public String error(GatewayError error) {
    List<String> out = new ArrayList<>();
    if (!started) {
      start(out);
    }
    ObjectNode failed = response.deepCopy();
    failed.put("status", "failed");
    ArrayNode items = failed.putArray("output");
    output.forEach(items::add);
    failed
        .putObject("error")
        .put("code", error.code() == null ? "server_error" : error.code())
        .put("message", error.message());
    out.add(sse(event("response.failed").set("response", failed)));
    return String.join("", out);
  }

  private void start(List<String> out) {
    started = true;
    out.add(sse(event("response.created").set("response", response.deepCopy())));
    out.add(sse(event("response.in_progress").set("response", response.deepCopy())));
  }

  private void openMessage(List<String> out) {
    openItem = ResponsesWriter.message(ResponseIds.message(), "", "in_progress");
    ((ArrayNode) openItem.get("content")).removeAll();
    openText = new StringBuilder();
    out.add(
        sse(
            event("response.output_item.added")
                .put("output_index", output.size())
                .set("item", openItem.deepCopy())));
    ObjectNode part = itemEvent("response.content_part.added");
    part.put("content_index", 0);
    part.set("part", ResponsesWriter.textPart(""));
    out.add(sse(part));
  }

  private void openCall(List<String> out, StreamEvent.ToolCallDelta call) {
    openCallIndex = call.index();
    openItem =
        ResponsesWriter.functionCall(
            ResponseIds.functionCall(), new ToolCall(call.id(), call.name(), ""), "in_progress");
    out.add(
        sse(
            event("response.output_item.added")
                .put("output_index", output.size())
                .set("item", openItem.deepCopy())));
  }

  private void closeItem(List<String> out) {
    if (openItem == null) {
      return;
    }
    if (openText != null) {
      String text = openText.toString();
      ObjectNode textDone = itemEvent("response.output_text.done");
      textDone.put("content_index", 0);
      textDone.put("text", text);
      textDone.putArray("logprobs");
      out.add(sse(textDone));
      ObjectNode partDone = itemEvent("response.content_part.done");
      partDone.put("content_index", 0);
      partDone.set("part", ResponsesWriter.textPart(text));
      out.add(sse(partDone));
      ((ArrayNode) openItem.get("content")).add(ResponsesWriter.textPart(text));
      openItem.put("status", finish == FinishReason.LENGTH ? "incomplete" : "completed");
    } else {
      ObjectNode argumentsDone = itemEvent("response.function_call_arguments.done");
      argumentsDone.put("name", openItem.path("name").asText());
      argumentsDone.put("arguments", openItem.path("arguments").asText());
      out.add(sse(argumentsDone));
      openItem.put("status", "completed");
    }
    out.add(
        sse(
            event("response.output_item.done")
                .put("output_index", output.size())
                .set("item", openItem.deepCopy())));
    output.add(openItem);
    openItem = null;
    openText = null;
    openCallIndex = -1;
  }

  /** An event about the open item: its id and output index set. */
  private ObjectNode itemEvent(String type) {
    ObjectNode event = event(type);
    event.put("item_id", openItem.path("id").asText());
    event.put("output_index", output.size());
    return event;
  }

  private ObjectNode event(String type) {
    return Json.object().put("type", type).put("sequence_number", sequence++);
  }

  private static String sse(ObjectNode event) {
    return "event: " + event.path("type").asText() + "\ndata: " + Json.string(event) + "\n\n";
  }
}
