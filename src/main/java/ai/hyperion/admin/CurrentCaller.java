package ai.hyperion.admin;

import ai.hyperion.auth.TenantContext;
import jakarta.enterprise.context.RequestScoped;

/** The authenticated admin caller of this request, set by {@link AdminAuthFilter}. */
@RequestScoped
public class CurrentCaller {

  /** The request property holding the caller's TenantContext (see {@code AdminAuthFilter}). */
  public static final String PROPERTY = "ai.hyperion.admin.caller";

  private TenantContext tenant;

  public void set(TenantContext tenant) {
    this.tenant = tenant;
  }

  public Caller caller() {
    if (tenant == null) {
      throw new IllegalStateException(
          "No admin caller: is the resource missing @AdminAuthenticated?");
    }
    return Caller.of(tenant);
  }

  /** Whether the auth filter accepted a key on this request. */
  public boolean authenticated() {
    return tenant != null;
  }

  public TenantContext tenant() {
    caller();
    return tenant;
  }
}
