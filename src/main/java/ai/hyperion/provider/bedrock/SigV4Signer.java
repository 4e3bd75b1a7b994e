package ai.hyperion.provider.bedrock;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 (header form) over the exact bytes we send. Signs {@code host}, {@code
 * x-amz-date}, {@code x-amz-content-sha256} when asked (the AWS SDK sends it to Bedrock, so we do
 * too) and, for temporary credentials, {@code x-amz-security-token}; the JDK client sets {@code
 * Host} itself, so it is derived from the URI the same way the JDK does. The path is URI-encoded a
 * second time as every AWS service but S3 expects, so a model id sent as {@code v1%3A0} is signed
 * as {@code v1%253A0}. Thread-safe: no mutable state.
 */
final class SigV4Signer {

  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  private final AwsCredentials credentials;
  private final String region;
  private final String service;
  private final Clock clock;
  private final boolean contentSha256Header;

  SigV4Signer(
      AwsCredentials credentials,
      String region,
      String service,
      Clock clock,
      boolean contentSha256Header) {
    this.credentials = credentials;
    this.region = region;
    this.service = service;
    this.clock = clock;
    this.contentSha256Header = contentSha256Header;
  }

  /**
   * The headers to add to the request: X-Amz-Date, X-Amz-Content-Sha256 (if enabled),
   * X-Amz-Security-Token (if any), Authorization.
   */
  Map<String, String> sign(String method, URI uri, byte[] body) {
    String amzDate = AMZ_DATE.format(clock.instant());
    String date = amzDate.substring(0, 8);
    String payloadHash = sha256Hex(body);
    TreeMap<String, String> signed = new TreeMap<>();
    signed.put("host", hostHeader(uri));
    signed.put("x-amz-date", amzDate);
    if (contentSha256Header) {
      signed.put("x-amz-content-sha256", payloadHash);
    }
    if (credentials.hasSessionToken()) {
      signed.put("x-amz-security-token", credentials.sessionToken().value());
    }
    String signedHeaders = String.join(";", signed.keySet());
    StringBuilder canonicalHeaders = new StringBuilder();
    signed.forEach(
        (name, value) ->
            canonicalHeaders.append(name).append(':').append(value.strip()).append('\n'));
    String canonicalRequest =
        String.join(
            "\n",
            method,
            canonicalPath(uri.getRawPath()),
            canonicalQuery(uri.getRawQuery()),
            canonicalHeaders.toString(),
            signedHeaders,
            payloadHash);
    String scope = date + "/" + region + "/" + service + "/aws4_request";
    String stringToSign =
        String.join(
            "\n",
            ALGORITHM,
            amzDate,
            scope,
            sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    String signature = HEX.formatHex(hmac(signingKey(date), stringToSign));

    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Amz-Date", amzDate);
    if (contentSha256Header) {
      headers.put("X-Amz-Content-Sha256", payloadHash);
    }
    if (credentials.hasSessionToken()) {
      headers.put("X-Amz-Security-Token", credentials.sessionToken().value());
    }
    headers.put(
        "Authorization",
        ALGORITHM
            + " Credential="
            + credentials.accessKeyId()
            + "/"
            + scope
            + ", SignedHeaders="
            + signedHeaders
            + ", Signature="
            + signature);
    return headers;
  }

  /** What java.net.http sends as Host: the port only when it is not the scheme's default. */
  static String hostHeader(URI uri) {
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443)
            || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80);
    return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
  }

  private static String canonicalPath(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    List<String> segments = new ArrayList<>();
    for (String segment : rawPath.split("/", -1)) {
      segments.add(encode(segment));
    }
    return String.join("/", segments);
  }

  private static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      pairs.add(new String[] {encode(decode(name)), encode(decode(value))});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder out = new StringBuilder();
    for (String[] pair : pairs) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(pair[0]).append('=').append(pair[1]);
    }
    return out.toString();
  }

  /** RFC 3986 percent-encoding of everything but the unreserved characters, as SigV4 defines it. */
  static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return out.toString();
  }

  private static String decode(String value) {
    return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private byte[] signingKey(String date) {
    byte[] secret =
        ("AWS4" + credentials.secretAccessKey().value()).getBytes(StandardCharsets.UTF_8);
    return hmac(hmac(hmac(hmac(secret, date), region), service), "aws4_request");
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK provides HmacSHA256", e);
    }
  }
}
