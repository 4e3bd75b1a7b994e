package ai.hyperion.audit.pii;

import ai.hyperion.provider.StreamEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Restores placeholders in a streamed answer. A delta that ends in what may be the start of a
 * placeholder ({@code "... [EMA"}) holds that tail back until the next delta of the same choice
 * (and tool call) completes or rules it out; a choice's {@link StreamEvent.Finish}, or the end of
 * the stream ({@link #finish}), releases what is held. Push-based and not thread-safe: feed it the
 * events of one stream in order.
 */
public final class StreamRestorer {

  private enum Kind {
    TEXT,
    REASONING,
    TOOL
  }

  private record Channel(Kind kind, int choice, int index) {}

  private final MaskSession session;
  private final Map<Channel, StringBuilder> held = new LinkedHashMap<>();

  public StreamRestorer(MaskSession session) {
    this.session = session;
  }

  /** The events to emit in place of {@code event} (none, it, or released text before it). */
  public List<StreamEvent> accept(StreamEvent event) {
    List<StreamEvent> out = new ArrayList<>(2);
    if (event instanceof StreamEvent.TextDelta t) {
      String text = release(new Channel(Kind.TEXT, t.choice(), 0), t.text());
      if (!text.isEmpty()) {
        out.add(new StreamEvent.TextDelta(t.choice(), text));
      }
    } else if (event instanceof StreamEvent.ReasoningDelta r) {
      String text = release(new Channel(Kind.REASONING, r.choice(), 0), r.text());
      if (!text.isEmpty()) {
        out.add(new StreamEvent.ReasoningDelta(r.choice(), text));
      }
    } else if (event instanceof StreamEvent.ToolCallDelta c) {
      String fragment =
          c.argumentsFragment() == null
              ? null
              : release(new Channel(Kind.TOOL, c.choice(), c.index()), c.argumentsFragment());
      if (c.id() != null || c.name() != null || fragment != null && !fragment.isEmpty()) {
        out.add(new StreamEvent.ToolCallDelta(c.choice(), c.index(), c.id(), c.name(), fragment));
      }
    } else if (event instanceof StreamEvent.Finish f) {
      flush(f.choice(), out);
      out.add(f);
    } else {
      out.add(event);
    }
    return out;
  }

  /** Releases everything still held, at the end of the stream (or when it fails). */
  public List<StreamEvent> finish() {
    List<StreamEvent> out = new ArrayList<>();
    flush(null, out);
    return out;
  }

  private String release(Channel channel, String incoming) {
    StringBuilder pending = held.remove(channel);
    String text = pending == null ? incoming : pending.append(incoming).toString();
    int open = text.lastIndexOf('[');
    if (open >= 0
        && text.indexOf(']', open) < 0
        && session.couldBecomePlaceholder(text.substring(open))) {
      held.put(channel, new StringBuilder(text.substring(open)));
      text = text.substring(0, open);
    }
    return session.restore(text);
  }

  private void flush(Integer choice, List<StreamEvent> out) {
    Iterator<Map.Entry<Channel, StringBuilder>> it = held.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Channel, StringBuilder> entry = it.next();
      Channel channel = entry.getKey();
      if (choice != null && channel.choice() != choice) {
        continue;
      }
      it.remove();
      String text = entry.getValue().toString();
      out.add(
          switch (channel.kind()) {
            case TEXT -> new StreamEvent.TextDelta(channel.choice(), text);
            case REASONING -> new StreamEvent.ReasoningDelta(channel.choice(), text);
            case TOOL ->
                new StreamEvent.ToolCallDelta(channel.choice(), channel.index(), null, null, text);
          });
    }
  }
}
