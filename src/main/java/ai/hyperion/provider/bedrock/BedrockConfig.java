package ai.hyperion.provider.bedrock;

import ai.hyperion.provider.ProviderSettings;
import ai.hyperion.provider.Secret;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Bedrock adapter's settings, read once from gateway.yaml {@code options} with the standard AWS
 * environment variables as fallback. Credentials come, in this order, from {@code
 * options.access-key-id}/{@code secret-access-key}/{@code session-token}, from the provider's
 * {@code api-keys} (Bedrock API keys, sent as a bearer token), from {@code
 * AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN}, and last from {@code
 * AWS_BEARER_TOKEN_BEDROCK}. {@code credentials} and {@code bearerKeys} may both be empty: requests
 * then fail with a 502 naming the missing configuration.
 */
record BedrockConfig(
    String region,
    String baseUrl,
    AwsCredentials credentials,
    List<Secret> bearerKeys,
    String embeddingInputType) {

  static final String SERVICE = "bedrock";
  static final Set<String> OPTIONS =
      Set.of(
          "region",
          "access-key-id",
          "secret-access-key",
          "session-token",
          "embedding-input-type",
          "max-output-tokens");
  private static final Pattern REGION_IN_HOST =
      Pattern.compile("bedrock-runtime(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com");

  static BedrockConfig from(ProviderSettings settings, Function<String, String> env) {
    JsonNode options = settings.options();
    if (options != null) {
      for (Iterator<String> it = options.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!OPTIONS.contains(key)) {
          throw new IllegalArgumentException(
              "Provider '"
                  + settings.name()
                  + "' (bedrock): unknown option '"
                  + key
                  + "'; known options are "
                  + String.join(", ", OPTIONS.stream().sorted().toList())
                  + ".");
        }
      }
    }
    String configuredBase = blankToNull(settings.baseUrl());
    String region =
        firstNonBlank(
            option(options, "region"),
            regionOf(configuredBase),
            env.apply("AWS_REGION"),
            env.apply("AWS_DEFAULT_REGION"));
    if (region == null) {
      throw new IllegalArgumentException(
          "Provider '"
              + settings.name()
              + "' (bedrock) needs options.region (or AWS_REGION) to sign requests.");
    }
    String base =
        configuredBase != null
            ? configuredBase
            : "https://bedrock-runtime." + region + ".amazonaws.com";
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    AwsCredentials credentials =
        credentials(
            settings.name(),
            option(options, "access-key-id"),
            option(options, "secret-access-key"),
            option(options, "session-token"));
    List<Secret> bearer = settings.apiKeys().stream().filter(k -> !k.isBlank()).toList();
    if (credentials == null && bearer.isEmpty()) {
      credentials =
          credentials(
              settings.name(),
              env.apply("AWS_ACCESS_KEY_ID"),
              env.apply("AWS_SECRET_ACCESS_KEY"),
              env.apply("AWS_SESSION_TOKEN"));
      String envBearer = blankToNull(env.apply("AWS_BEARER_TOKEN_BEDROCK"));
      if (credentials == null && envBearer != null) {
        bearer = List.of(new Secret(envBearer));
      }
    }
    String inputType = option(options, "embedding-input-type");
    return new BedrockConfig(
        region, base, credentials, bearer, inputType == null ? "search_document" : inputType);
  }

  private static AwsCredentials credentials(
      String provider, String keyId, String secret, String token) {
    keyId = blankToNull(keyId);
    secret = blankToNull(secret);
    if (keyId == null && secret == null) {
      return null;
    }
    if (keyId == null || secret == null) {
      throw new IllegalArgumentException(
          "Provider '"
              + provider
              + "' (bedrock): an AWS access key id needs its secret access key and vice versa.");
    }
    token = blankToNull(token);
    return new AwsCredentials(keyId, new Secret(secret), token == null ? null : new Secret(token));
  }

  private static String regionOf(String baseUrl) {
    if (baseUrl == null) {
      return null;
    }
    Matcher m = REGION_IN_HOST.matcher(baseUrl);
    return m.find() ? m.group(1) : null;
  }

  private static String option(JsonNode options, String key) {
    if (options == null) {
      return null;
    }
    JsonNode value = options.get(key);
    return value == null || value.isNull() ? null : blankToNull(value.asText());
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) {
      if (blankToNull(value) != null) {
        return value.strip();
      }
    }
    return null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  @Override
  public String toString() {
    return "BedrockConfig[region="
        + region
        + ", baseUrl="
        + baseUrl
        + ", credentials="
        + credentials
        + ", bearerKeys="
        + bearerKeys.size()
        + "]";
  }
}
