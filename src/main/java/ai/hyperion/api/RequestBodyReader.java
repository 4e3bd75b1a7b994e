package ai.hyperion.api;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.error.RequestRefusedException;
import ai.hyperion.provider.Json;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads a JSON request body with the configured size limit (413 beyond it, 400 if not JSON). */
@ApplicationScoped
public class RequestBodyReader {

  @Inject
  @ConfigProperty(name = "hyperion.limits.max-body-bytes", defaultValue = "10485760")
  long maxBodyBytes;

  public JsonNode read(String contentLength, InputStream body) {
    return parse(readBytes(contentLength, body));
  }

  /** The body's bytes as sent, within the size limit (413 beyond it, 400 when empty). */
  public byte[] readBytes(String contentLength, InputStream body) {
    long declared = -1;
    if (contentLength != null) {
      try {
        declared = Long.parseLong(contentLength.trim());
      } catch (NumberFormatException e) {
        throw new InvalidRequestException(null, "The Content-Length header is not a number.");
      }
      if (declared > maxBodyBytes) {
        throw RequestRefusedException.payloadTooLarge(maxBodyBytes);
      }
    }
    byte[] bytes;
    try {
      bytes =
          declared >= 0 && declared <= EXACT_READ_MAX
              ? readDeclared(body, (int) declared)
              : body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
    } catch (IOException e) {
      throw new InvalidRequestException(
          null, "The request body could not be read: " + e.getMessage());
    }
    if (bytes.length > maxBodyBytes) {
      throw RequestRefusedException.payloadTooLarge(maxBodyBytes);
    }
    if (bytes.length == 0) {
      throw new InvalidRequestException(null, "The request body is empty; send a JSON object.");
    }
    return bytes;
  }

  /**
   * Bodies declared up to this size are read into one array of their size; larger ones grow as
   * their bytes arrive, so a client that declares 10 MB and sends nothing holds no 10 MB array.
   */
  private static final int EXACT_READ_MAX = 64 * 1024;

  /**
   * Exactly the declared number of bytes, in one array of that size (readNBytes(int) would start
   * with an 8 KiB buffer for every request); fewer when the body ends early.
   */
  private static byte[] readDeclared(InputStream body, int length) throws IOException {
    byte[] bytes = new byte[length];
    int read = body.readNBytes(bytes, 0, length);
    return read == length ? bytes : Arrays.copyOf(bytes, read);
  }

  /** Parses a body read by {@link #readBytes}: 400 unless it is a JSON object. */
  public JsonNode parse(byte[] bytes) {
    try {
      JsonNode node = Json.MAPPER.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new InvalidRequestException(null, "The request body must be a JSON object.");
      }
      return node;
    } catch (StreamConstraintsException e) {
      // Jackson's read limits (nesting depth, number and string length) carry no location.
      throw new InvalidRequestException(
          null, "The JSON body exceeds a parser limit: " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new InvalidRequestException(
          null,
          "We could not parse the JSON body of your request: "
              + e.getOriginalMessage()
              + (at == null
                  ? "."
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")."));
    } catch (IOException e) {
      throw new InvalidRequestException(
          null, "The request body could not be read: " + e.getMessage());
    }
  }
}
