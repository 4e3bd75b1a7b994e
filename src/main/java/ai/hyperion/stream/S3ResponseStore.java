package ai.hyperion.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The response store of a cluster: one object per request, {@code <prefix><org>/<request id>}, in
 * one bucket of S3 or an S3-compatible store (MinIO, Ceph: a custom endpoint with path-style
 * addressing, see {@link S3Clients}). Retention compares the object's {@code LastModified}, the
 * time the store received it.
 */
public final class S3ResponseStore implements ResponseStore {

  /** The most keys one DeleteObjects call takes. */
  private static final int DELETE_BATCH = 1000;

  private final S3Client s3;
  private final String bucket;
  private final String prefix;

  public S3ResponseStore(S3Client s3, String bucket, String prefix) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix == null ? "" : prefix;
  }

  private String key(String orgId, String requestId) {
    ResponseStore.requireKey(orgId, requestId);
    return prefix + orgId + "/" + requestId;
  }

  @Override
  public void put(String orgId, String requestId, Instant createdAt, byte[] data) {
    s3.putObject(
        b ->
            b.bucket(bucket)
                .key(key(orgId, requestId))
                .contentType("application/octet-stream")
                .metadata(Map.of("created", createdAt.toString())),
        RequestBody.fromBytes(data));
  }

  @Override
  public Optional<byte[]> get(String orgId, String requestId) {
    try {
      return Optional.of(
          s3.getObjectAsBytes(b -> b.bucket(bucket).key(key(orgId, requestId))).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean delete(String orgId, String requestId) {
    String key = key(orgId, requestId);
    boolean existed = get(orgId, requestId).isPresent();
    s3.deleteObject(b -> b.bucket(bucket).key(key));
    return existed;
  }

  @Override
  public Set<String> orgs() {
    Set<String> orgs = new TreeSet<>();
    ListObjectsV2Request request =
        ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).delimiter("/").build();
    for (ListObjectsV2Response page : s3.listObjectsV2Paginator(request)) {
      for (CommonPrefix common : page.commonPrefixes()) {
        String org = common.prefix().substring(prefix.length());
        org = org.endsWith("/") ? org.substring(0, org.length() - 1) : org;
        if (ResponseStore.validKey(org)) {
          orgs.add(org);
        }
      }
    }
    return orgs;
  }

  @Override
  public int deleteCreatedBefore(String orgId, Instant cutoff) {
    if (!ResponseStore.validKey(orgId)) {
      return 0;
    }
    ListObjectsV2Request request =
        ListObjectsV2Request.builder().bucket(bucket).prefix(prefix + orgId + "/").build();
    List<ObjectIdentifier> expired = new ArrayList<>();
    for (ListObjectsV2Response page : s3.listObjectsV2Paginator(request)) {
      for (S3Object object : page.contents()) {
        if (object.lastModified().isBefore(cutoff)) {
          expired.add(ObjectIdentifier.builder().key(object.key()).build());
        }
      }
    }
    for (int from = 0; from < expired.size(); from += DELETE_BATCH) {
      List<ObjectIdentifier> batch =
          expired.subList(from, Math.min(expired.size(), from + DELETE_BATCH));
      s3.deleteObjects(
          b -> b.bucket(bucket).delete(Delete.builder().objects(batch).quiet(true).build()));
    }
    return expired.size();
  }
}
