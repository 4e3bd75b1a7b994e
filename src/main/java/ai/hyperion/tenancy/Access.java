package ai.hyperion.tenancy;

/** Read or change. */
public enum Access {
  READ,
  WRITE
}
