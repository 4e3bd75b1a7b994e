package ai.hyperion.auth;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads a key and everything its tenant context needs from the store of record (the database). */
public interface KeyRecordLoader {

  /** Empty when no key has this prefix. Revoked keys are returned with status REVOKED. */
  Optional<KeyRecord> load(String prefix);

  /** The records of those prefixes that exist, by prefix; implementations may batch. */
  default Map<String, KeyRecord> loadAll(Collection<String> prefixes) {
    Map<String, KeyRecord> records = new LinkedHashMap<>();
    for (String prefix : prefixes) {
      load(prefix).ifPresent(record -> records.put(prefix, record));
    }
    return records;
  }
}
