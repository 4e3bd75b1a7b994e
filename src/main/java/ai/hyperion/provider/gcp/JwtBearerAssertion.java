package ai.hyperion.provider.gcp;

import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/** Builds the RS256-signed JWT that a service account trades for an access token (RFC 7523). */
final class JwtBearerAssertion {

  static final long LIFETIME_SECONDS = 3600;
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private JwtBearerAssertion() {}

  static String sign(ServiceAccountKey key, String scope, String audience, Instant now) {
    ObjectNode header = Json.object().put("alg", "RS256").put("typ", "JWT");
    if (key.privateKeyId() != null) {
      header.put("kid", key.privateKeyId());
    }
    long issuedAt = now.getEpochSecond();
    ObjectNode claims =
        Json.object()
            .put("iss", key.clientEmail())
            .put("scope", scope)
            .put("aud", audience)
            .put("iat", issuedAt)
            .put("exp", issuedAt + LIFETIME_SECONDS);
    String signingInput = encode(Json.bytes(header)) + "." + encode(Json.bytes(claims));
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key.privateKey());
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + encode(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JDK could not sign with the service-account key", e);
    }
  }

  private static String encode(byte[] bytes) {
    return BASE64URL.encodeToString(bytes);
  }
}
