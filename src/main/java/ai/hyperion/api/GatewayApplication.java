package ai.hyperion.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS application: data plane under /v1 and /api, admin API under /admin/api. */
@ApplicationPath("/")
public class GatewayApplication extends Application {}
