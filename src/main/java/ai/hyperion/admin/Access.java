package ai.hyperion.admin;

/** Read or change. */
public enum Access {
  READ,
  WRITE
}
