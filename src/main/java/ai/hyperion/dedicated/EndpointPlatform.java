package ai.hyperion.dedicated;

import java.util.List;

/**
 * Where dedicated endpoints run. Every operation is idempotent and may be repeated by another
 * instance after a crash; none waits for the server to become ready ({@link #probe} tells). The
 * monitor calls these from a background thread, never from a request thread.
 */
public interface EndpointPlatform {

  /** {@code local} or {@code kubernetes}. */
  String name();

  /** Whether endpoints belong to the instance that started them (local processes). */
  boolean nodeBound();

  /** Creates the deployment, or scales an existing one back to its replicas. */
  void start(DeploymentSpec spec);

  /** Scales to zero, keeping the definition: what sleeping means. */
  void stop(String endpointId);

  Readiness probe(String endpointId);

  /** The server's most recent output lines, oldest first, secrets masked. */
  List<String> logs(String endpointId, int maxLines);

  /** Removes everything the platform holds for the endpoint. */
  void delete(String endpointId);
}
