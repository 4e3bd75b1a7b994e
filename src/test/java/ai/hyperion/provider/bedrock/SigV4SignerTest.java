package ai.hyperion.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.provider.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigV4SignerTest {

  // The credentials and time of AWS's published SigV4 test suite.
  private static final String KEY_ID = "AKIDEXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");

  /** As Bedrock is signed: with x-amz-content-sha256, like the AWS SDK. */
  private static SigV4Signer signer(String token, String region, String service, Instant at) {
    return new SigV4Signer(
        new AwsCredentials(KEY_ID, new Secret(SECRET), token == null ? null : new Secret(token)),
        region,
        service,
        Clock.fixed(at, ZoneOffset.UTC),
        true);
  }

  @Test
  void signsTheGetVanillaRequestOfTheAwsTestSuite() {
    SigV4Signer suiteSigner =
        new SigV4Signer(
            new AwsCredentials(KEY_ID, new Secret(SECRET), null),
            "us-east-1",
            "service",
            Clock.fixed(SUITE_TIME, ZoneOffset.UTC),
            false);

    Map<String, String> headers =
        suiteSigner.sign("GET", URI.create("https://example.amazonaws.com/"), new byte[0]);

    assertEquals("20150830T123600Z", headers.get("X-Amz-Date"));
    assertEquals(
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            + "SignedHeaders=host;x-amz-date, "
            + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
        headers.get("Authorization"));
    assertFalse(headers.containsKey("X-Amz-Security-Token"));
    assertFalse(headers.containsKey("X-Amz-Content-Sha256"));
  }

  @Test
  void agreesWithTheAwsSdkOnAConverseRequestWithAnEncodedModelIdAndSessionToken() {
    URI uri =
        URI.create(
            "https://bedrock-runtime.eu-west-3.amazonaws.com/model/"
                + SigV4Signer.encode("anthropic.claude-3-5-sonnet-20240620-v1:0")
                + "/converse");
    byte[] body =
        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi ☃\"}]}]}"
            .getBytes(StandardCharsets.UTF_8);
    Instant at = Instant.parse("2025-03-04T05:06:07Z");

    Map<String, String> ours =
        signer("FQoGZXIvYXdzEXAMPLETOKEN", "eu-west-3", "bedrock", at).sign("POST", uri, body);

    assertEquals("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse", uri.getRawPath());
    assertEquals("FQoGZXIvYXdzEXAMPLETOKEN", ours.get("X-Amz-Security-Token"));
    assertEquals(SigV4Signer.sha256Hex(body), ours.get("X-Amz-Content-Sha256"));
    assertEquals(
        SdkSigner.authorization(
            "POST",
            uri,
            uri.getHost(),
            body,
            KEY_ID,
            SECRET,
            "FQoGZXIvYXdzEXAMPLETOKEN",
            "eu-west-3",
            "bedrock",
            at),
        ours.get("Authorization"));
    assertTrue(
        ours.get("Authorization")
            .contains(
                "/20250304/eu-west-3/bedrock/aws4_request, "
                    + "SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, "));
  }

  @Test
  void agreesWithTheAwsSdkOnAnInferenceProfileArnAndANonDefaultPort() {
    URI uri =
        URI.create(
            "http://127.0.0.1:8123/model/"
                + SigV4Signer.encode(
                    "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claud"
                        + "e-3-5-haiku-20241022-v1:0")
                + "/converse-stream");
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    Instant at = Instant.parse("2025-12-31T23:59:59Z");

    Map<String, String> ours = signer(null, "us-east-1", "bedrock", at).sign("POST", uri, body);

    assertEquals("127.0.0.1:8123", SigV4Signer.hostHeader(uri));
    assertEquals(
        SdkSigner.authorization(
            "POST", uri, "127.0.0.1:8123", body, KEY_ID, SECRET, null, "us-east-1", "bedrock", at),
        ours.get("Authorization"));
  }

  @Test
  void sortsAndEncodesTheQueryStringLikeTheSdk() {
    URI uri = URI.create("https://example.amazonaws.com/path?b=2&a=x%20y&a=1");
    Map<String, String> ours =
        signer(null, "us-east-1", "service", SUITE_TIME).sign("GET", uri, new byte[0]);

    assertEquals(
        SdkSigner.authorization(
            "GET",
            uri,
            uri.getHost(),
            new byte[0],
            KEY_ID,
            SECRET,
            null,
            "us-east-1",
            "service",
            SUITE_TIME),
        ours.get("Authorization"));
  }

  @Test
  void credentialsNeverShowTheirSecretsInToString() {
    AwsCredentials credentials =
        new AwsCredentials(KEY_ID, new Secret(SECRET), new Secret("session-token-value-123"));
    assertFalse(credentials.toString().contains(SECRET));
    assertFalse(credentials.toString().contains("session-token-value-123"));
  }
}
