package ai.hyperion.routing.intent;

import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.ToolDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The labelled intent set ({@code src/test/resources/intent/prompts.jsonl}, see its README) as
 * canonical chat requests, and the accuracy of a classifier on it.
 */
public final class LabelledPrompts {

  /** One labelled request. */
  public record Labelled(
      String id, Intent label, String lang, String split, boolean ambiguous, ChatRequest request) {}

  /** Accuracy overall and per split, and the confusion counts (label → predicted → n). */
  public record Report(
      int total,
      int correct,
      int holdoutTotal,
      int holdoutCorrect,
      Map<Intent, Map<Intent, Integer>> confusion,
      List<String> misses) {

    public double accuracy() {
      return total == 0 ? 0 : (double) correct / total;
    }

    public double holdoutAccuracy() {
      return holdoutTotal == 0 ? 0 : (double) holdoutCorrect / holdoutTotal;
    }

    public String table() {
      StringBuilder out = new StringBuilder();
      out.append(
          String.format(
              Locale.ROOT,
              "accuracy %.3f (%d/%d); dev %.3f (%d/%d); holdout %.3f (%d/%d)%n%n",
              accuracy(),
              correct,
              total,
              total - holdoutTotal == 0
                  ? 0
                  : (double) (correct - holdoutCorrect) / (total - holdoutTotal),
              correct - holdoutCorrect,
              total - holdoutTotal,
              holdoutAccuracy(),
              holdoutCorrect,
              holdoutTotal));
      out.append("| label \\ predicted |");
      for (Intent p : Intent.values()) {
        out.append(' ').append(p.value()).append(" |");
      }
      out.append(" recall |\n|---|");
      for (int i = 0; i <= Intent.values().length; i++) {
        out.append("---|");
      }
      out.append('\n');
      for (Intent label : Intent.values()) {
        Map<Intent, Integer> row = confusion.getOrDefault(label, Map.of());
        int sum = row.values().stream().mapToInt(Integer::intValue).sum();
        out.append("| ").append(label.value()).append(" |");
        for (Intent p : Intent.values()) {
          out.append(' ').append(row.getOrDefault(p, 0)).append(" |");
        }
        out.append(
                String.format(
                    Locale.ROOT,
                    " %.2f |",
                    sum == 0 ? 0 : (double) row.getOrDefault(label, 0) / sum))
            .append('\n');
      }
      return out.toString();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private LabelledPrompts() {}

  public static List<Labelled> load() {
    List<Labelled> all = new ArrayList<>();
    try (InputStream in = resource("prompts.jsonl");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          all.add(parse(JSON.readTree(line)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  public static Report evaluate(IntentClassifier classifier, List<Labelled> set) {
    Map<Intent, Map<Intent, Integer>> confusion = new EnumMap<>(Intent.class);
    int correct = 0;
    int holdout = 0;
    int holdoutCorrect = 0;
    List<String> misses = new ArrayList<>();
    for (Labelled l : set) {
      Classification c = classifier.classify(l.request());
      confusion
          .computeIfAbsent(l.label(), k -> new EnumMap<>(Intent.class))
          .merge(c.intent(), 1, Integer::sum);
      boolean ok = c.intent() == l.label();
      correct += ok ? 1 : 0;
      if (l.split().equals("holdout")) {
        holdout++;
        holdoutCorrect += ok ? 1 : 0;
      }
      if (!ok) {
        misses.add(
            l.id()
                + " ["
                + l.split()
                + "] "
                + l.label().value()
                + " -> "
                + c.intent().value()
                + " ("
                + c.signal()
                + ")");
      }
    }
    return new Report(set.size(), correct, holdout, holdoutCorrect, confusion, misses);
  }

  private static Labelled parse(JsonNode row) throws IOException {
    List<ChatMessage> messages = new ArrayList<>();
    JsonNode rows = row.path("messages");
    for (int i = 0; i < rows.size(); i++) {
      JsonNode m = rows.get(i);
      String text = m.path("content").asText();
      if (i == rows.size() - 1 && row.has("documents")) {
        StringBuilder withDocs = new StringBuilder(text);
        for (JsonNode doc : row.path("documents")) {
          withDocs.append("\n\n---\n").append(document(doc.asText()));
        }
        text = withDocs.toString();
      }
      messages.add(ChatMessage.text(Role.fromWire(m.path("role").asText()).orElseThrow(), text));
    }
    List<ToolDefinition> tools = new ArrayList<>();
    for (JsonNode name : row.path("tools")) {
      tools.add(
          new ToolDefinition(
              name.asText(),
              "Calls " + name.asText(),
              JSON.readTree("{\"type\":\"object\",\"properties\":{}}"),
              null));
    }
    ChatRequest request =
        new ChatRequest(
            "any",
            messages,
            false,
            false,
            null,
            null,
            null,
            null,
            null,
            tools,
            row.get("tool_choice"),
            row.get("response_format"),
            null);
    return new Labelled(
        row.path("id").asText(),
        Intent.parse(row.path("label").asText()).orElseThrow(),
        row.path("lang").asText(),
        row.path("split").asText(),
        row.has("ambiguous"),
        request);
  }

  private static String document(String name) throws IOException {
    try (InputStream in = resource("docs/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = LabelledPrompts.class.getResourceAsStream("/intent/" + name);
    if (in == null) {
      throw new IllegalStateException("missing test resource /intent/" + name);
    }
    return in;
  }
}
