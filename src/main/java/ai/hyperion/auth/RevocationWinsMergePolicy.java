package ai.hyperion.auth;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;

/**
 * How the key map heals after a split brain: a REVOKED record wins whichever side it comes from, so
 * a revocation made on one side during the split is not undone by the other side's ACTIVE copy
 * (Hazelcast's default keeps the larger side's entry). Between two records that are not revoked,
 * the surviving side's stays (it needs no per-entry statistics, which the map does not keep); the
 * verifier's periodic database re-check corrects it within seconds either way.
 */
public class RevocationWinsMergePolicy
    implements SplitBrainMergePolicy<Object, MergingValue<Object>, Object> {

  @Override
  public Object merge(MergingValue<Object> merging, MergingValue<Object> existing) {
    if (existing == null) {
      return merging.getRawValue();
    }
    if (merging == null) {
      return existing.getRawValue();
    }
    if (revoked(existing.getDeserializedValue())) {
      return existing.getRawValue();
    }
    if (revoked(merging.getDeserializedValue())) {
      return merging.getRawValue();
    }
    return existing.getRawValue();
  }

  static boolean revoked(Object value) {
    return value instanceof KeyRecord record && record.status() == KeyStatus.REVOKED;
  }

  @Override
  public void writeData(ObjectDataOutput out) {
    // Stateless.
  }

  @Override
  public void readData(ObjectDataInput in) {
    // Stateless.
  }
}
