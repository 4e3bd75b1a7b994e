package ai.hyperion.api.openai;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;

/**
 * Hands the bearer key of a WebSocket handshake ({@code Authorization: Bearer <key>} or {@code
 * x-api-key}) to that connection's {@link StreamSocket}. Liberty copies a session's user properties
 * before {@code modifyHandshake} runs (what is put there is seen by later connections, not this
 * one), so the key goes to the endpoint instance itself: Liberty creates it ({@link
 * #getEndpointInstance}) and then calls {@link #modifyHandshake} on the same thread, within one
 * handshake. An instance takes a key once, and only before it opened.
 */
public class StreamSocketHandshake extends ServerEndpointConfig.Configurator {

  private static final ThreadLocal<StreamSocket> CREATED = new ThreadLocal<>();

  @Override
  public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
    if (endpointClass != StreamSocket.class) {
      return super.getEndpointInstance(endpointClass);
    }
    StreamSocket socket = new StreamSocket();
    CREATED.set(socket);
    return endpointClass.cast(socket);
  }

  @Override
  public void modifyHandshake(
      ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
    StreamSocket socket = CREATED.get();
    CREATED.remove();
    if (socket != null) {
      socket.presented(key(request.getHeaders()));
    }
  }

  private static String key(Map<String, List<String>> headers) {
    String key = null;
    for (var header : headers.entrySet()) {
      List<String> values = header.getValue();
      if (values == null || values.isEmpty() || values.get(0) == null) {
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
    return key == null || key.isEmpty() ? null : key;
  }
}
