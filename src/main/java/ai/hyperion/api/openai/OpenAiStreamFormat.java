package ai.hyperion.api.openai;

import ai.hyperion.pipeline.GatewayError;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.stream.StreamFormat;
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
  public String error(GatewayError error) {
    return "data: " + Json.string(OpenAiDialect.errorBody(error)) + "\n\n";
  }
}
