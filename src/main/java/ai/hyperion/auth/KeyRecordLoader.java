package ai.hyperion.auth;

import java.util.Optional;

/** Reads a key and everything its tenant context needs from the store of record (the database). */
public interface KeyRecordLoader {

  /** Empty when no key has this prefix. Revoked keys are returned with status REVOKED. */
  Optional<KeyRecord> load(String prefix);
}
