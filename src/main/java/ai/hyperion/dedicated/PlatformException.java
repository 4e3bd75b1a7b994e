package ai.hyperion.dedicated;

/** A platform could not do what it was asked (a command that does not start, an API refusal). */
public class PlatformException extends RuntimeException {

  public PlatformException(String message, Throwable cause) {
    super(message, cause);
  }

  public PlatformException(String message) {
    super(message);
  }
}
