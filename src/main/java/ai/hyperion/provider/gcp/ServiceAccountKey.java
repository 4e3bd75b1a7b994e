package ai.hyperion.provider.gcp;

import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** The parts of a Google service-account JSON key that the JWT-bearer flow needs. */
record ServiceAccountKey(
    String clientEmail, String privateKeyId, PrivateKey privateKey, URI tokenUri) {

  static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";

  /** Reads a key file's JSON; messages never quote the private key. */
  static ServiceAccountKey parse(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("A Google service-account key must be a JSON object.");
    }
    String type = Json.text(json, "type");
    if (type != null && !"service_account".equals(type)) {
      throw new IllegalArgumentException(
          "Only Google service-account keys are supported, not '" + type + "'.");
    }
    String email = Json.text(json, "client_email");
    String pem = Json.text(json, "private_key");
    if (email == null || pem == null) {
      throw new IllegalArgumentException(
          "A Google service-account key needs 'client_email' and 'private_key'.");
    }
    String tokenUri = Json.text(json, "token_uri");
    return new ServiceAccountKey(
        email,
        Json.text(json, "private_key_id"),
        readPkcs8Pem(pem),
        URI.create(tokenUri == null ? DEFAULT_TOKEN_URI : tokenUri));
  }

  /** Google issues RSA keys as PKCS#8 PEM ("BEGIN PRIVATE KEY"). */
  static PrivateKey readPkcs8Pem(String pem) {
    String base64 =
        pem.replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(base64);
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "The service-account 'private_key' is not a PKCS#8 RSA key in PEM form.");
    }
  }
}
