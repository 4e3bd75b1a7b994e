package ai.hyperion.api;

import ai.hyperion.error.InvalidRequestException;
import java.util.regex.Pattern;

/**
 * What a client-chosen model name may look like before it reaches routing, headers, logs, metrics
 * or an upstream URL: at most {@link #MAX_LENGTH} characters from the set provider model ids use
 * ({@code gpt-4o}, {@code anthropic.claude-3-5-sonnet-20240620-v1:0}, {@code
 * claude-sonnet-4-5@20250929}, {@code meta-llama/Llama-3.1-8B-Instruct}). A refused name is not
 * echoed back: it may be what the caller hoped to inject.
 */
public final class ModelNameRule {

  public static final int MAX_LENGTH = 256;

  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:/@+=\\-]+");

  private ModelNameRule() {}

  /** {@code name} when it is acceptable; otherwise a 400 naming {@code param}. */
  public static String check(String param, String name) {
    if (name.length() > MAX_LENGTH) {
      throw new InvalidRequestException(
          param,
          "'"
              + param
              + "' is "
              + name.length()
              + " characters long; model names are at most "
              + MAX_LENGTH
              + " characters.");
    }
    if (!ALLOWED.matcher(name).matches()) {
      throw new InvalidRequestException(
          param,
          "'" + param + "' may contain only letters, digits and the characters . _ : / @ + = -");
    }
    return name;
  }
}
