package ai.hyperion.policy;

/** The shared policy store (Redis) could not be reached; the message names no secret. */
public class StoreUnavailableException extends RuntimeException {

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
