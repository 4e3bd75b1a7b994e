package ai.hyperion.admin;

import ai.hyperion.provider.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Reads admin request bodies so that even a wrongly typed or unknown field is a 400 naming that
 * field (a JSON binding failure would otherwise be an anonymous error).
 */
public final class AdminJson {

  private AdminJson() {}

  public static <T> T read(byte[] body, Class<T> type) {
    if (body == null || body.length == 0) {
      throw AdminApiException.invalid("body", "is required");
    }
    try {
      return Json.MAPPER
          .readerFor(type)
          .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .readValue(body);
    } catch (UnrecognizedPropertyException e) {
      throw AdminApiException.invalid(path(e), "is not a known field");
    } catch (JsonMappingException e) {
      String path = path(e);
      throw AdminApiException.invalid(path.isEmpty() ? "body" : path, "has the wrong type");
    } catch (JsonProcessingException e) {
      throw AdminApiException.invalid("body", "is not valid JSON");
    } catch (IOException e) {
      throw AdminApiException.invalid("body", "could not be read");
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }
}
