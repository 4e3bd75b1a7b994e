package ai.hyperion.stream;

import ai.hyperion.api.OpenAiError;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.openai.OpenAiChunkWriter;
import java.util.List;

/** OpenAI's chunk stream: {@code data: {chunk}} events ending with {@code data: [DONE]}. */
public final class OpenAiStreamFormat implements StreamFormat {

  private final OpenAiChunkWriter writer;

  public OpenAiStreamFormat(String servedModel, boolean includeUsage) {
    this.writer = new OpenAiChunkWriter(servedModel, includeUsage);
  }

  @Override
  public List<String> write(StreamEvent event) {
    String chunk = writer.write(event);
    return chunk == null ? List.of() : List.of("data: " + chunk + "\n\n");
  }

  @Override
  public String end() {
    return "data: [DONE]\n\n";
  }

  @Override
  public String error(Throwable failure) {
    return "data: " + Json.string(OpenAiError.from(failure).body()) + "\n\n";
  }
}
