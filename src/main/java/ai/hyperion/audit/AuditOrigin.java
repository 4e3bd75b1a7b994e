package ai.hyperion.audit;

/** The origin of the admin call being handled on this thread, or {@link Origin#UNKNOWN}. */
@FunctionalInterface
public interface AuditOrigin {

  Origin current();
}
