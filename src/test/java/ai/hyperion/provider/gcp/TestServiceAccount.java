package ai.hyperion.provider.gcp;

import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;

/** A throw-away RSA service account, shaped like the JSON key Google issues. */
public final class TestServiceAccount {

  public static final String EMAIL = "hyperion-test@demo-project.iam.gserviceaccount.com";
  public static final String KEY_ID = "0123456789abcdef0123456789abcdef01234567";

  private final KeyPair keys;

  public TestServiceAccount() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      this.keys = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public PublicKey publicKey() {
    return keys.getPublic();
  }

  /** The key file's JSON, its token_uri pointing where the test wants. */
  public ObjectNode keyJson(String tokenUri) {
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(keys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    return Json.object()
        .put("type", "service_account")
        .put("project_id", "demo-project")
        .put("private_key_id", KEY_ID)
        .put("private_key", pem)
        .put("client_email", EMAIL)
        .put("client_id", "100000000000000000001")
        .put("token_uri", tokenUri);
  }
}
