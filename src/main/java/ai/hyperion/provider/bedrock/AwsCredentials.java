package ai.hyperion.provider.bedrock;

import ai.hyperion.provider.Secret;

/**
 * Static AWS credentials for SigV4: an access key id, its secret and, for temporary credentials, a
 * session token (null otherwise). {@link #toString()} never shows the secret parts.
 */
record AwsCredentials(String accessKeyId, Secret secretAccessKey, Secret sessionToken) {

  boolean hasSessionToken() {
    return sessionToken != null && !sessionToken.isBlank();
  }

  @Override
  public String toString() {
    return "AwsCredentials[" + secretAccessKey + (hasSessionToken() ? ", session" : "") + "]";
  }
}
