package ai.hyperion.api;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/**
 * Keeps the bearer key of a WebSocket handshake ({@code Authorization: Bearer <key>} or {@code
 * x-api-key}) for {@link StreamSocket}, which verifies it when the socket opens.
 */
public class StreamSocketHandshake extends ServerEndpointConfig.Configurator {

  static final String KEY = StreamSocketHandshake.class.getName() + ".key";

  @Override
  public void modifyHandshake(
      ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
    String key = null;
    for (var header : request.getHeaders().entrySet()) {
      List<String> values = header.getValue();
      if (values == null || values.isEmpty()) {
        continue;
      }
      String value = values.get(0);
      if ("authorization".equalsIgnoreCase(header.getKey())
          && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
        key = value.substring(7).trim();
      } else if ("x-api-key".equalsIgnoreCase(header.getKey()) && key == null) {
        key = value.trim();
      }
    }
    if (key != null && !key.isEmpty()) {
      config.getUserProperties().put(KEY, key);
    } else {
      config.getUserProperties().remove(KEY);
    }
  }
}
