package ai.hyperion.stream;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the S3 client of the response store: AWS itself (no endpoint, the default credentials
 * chain), or an S3-compatible store on premises (MinIO, Ceph RGW): a custom endpoint, path-style
 * addressing ({@code http://host/bucket/key}, since such stores rarely have per-bucket DNS) and
 * static credentials.
 */
public final class S3Clients {

  private S3Clients() {}

  public static S3Client create(StreamStoreOptions.S3 options) {
    S3ClientBuilder builder =
        S3Client.builder().region(Region.of(options.region())).forcePathStyle(options.pathStyle());
    if (options.endpoint() != null && !options.endpoint().isBlank()) {
      builder.endpointOverride(URI.create(options.endpoint()));
    }
    if (options.accessKey() != null && !options.accessKey().isBlank()) {
      builder.credentialsProvider(
          StaticCredentialsProvider.create(
              AwsBasicCredentials.create(options.accessKey(), options.secretKey())));
    } else {
      builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
    return builder.build();
  }
}
