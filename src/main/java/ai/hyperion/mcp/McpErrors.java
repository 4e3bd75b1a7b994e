package ai.hyperion.mcp;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON-RPC errors the gateway answers with. The message says what happened and why; {@code
 * data.code} is a stable string (as in the data plane's OpenAI-style errors) and {@code
 * data.status} the HTTP status the same refusal gets on the data plane.
 */
final class McpErrors {

  static final int INVALID_PARAMS = McpSchema.ErrorCodes.INVALID_PARAMS;
  static final int METHOD_NOT_FOUND = McpSchema.ErrorCodes.METHOD_NOT_FOUND;
  static final int NOT_ALLOWED = -32001;
  static final int RATE_LIMITED = -32002;
  static final int UPSTREAM_UNAVAILABLE = -32003;
  static final int UPSTREAM_TIMEOUT = -32004;

  private McpErrors() {}

  static McpError of(int code, int status, String errorCode, String message) {
    return of(code, status, errorCode, message, Map.of());
  }

  static McpError of(
      int code, int status, String errorCode, String message, Map<String, Object> extra) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("code", errorCode);
    data.put("status", status);
    data.putAll(extra);
    return new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(code, message, data));
  }

  static McpError upstream(UpstreamFailure failure) {
    boolean timeout = "upstream_timeout".equals(failure.code());
    return of(
        timeout ? UPSTREAM_TIMEOUT : UPSTREAM_UNAVAILABLE,
        timeout ? 504 : 502,
        failure.code(),
        failure.getMessage());
  }
}
