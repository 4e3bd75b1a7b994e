package ai.hyperion.pipeline;

/**
 * The order of the data-plane pipeline, in one place. Each stage records its duration in the {@link
 * Exchange}; {@code x-hyperion-debug: 1} returns them as {@code Server-Timing}.
 *
 * <ol>
 *   <li>{@link #EXCHANGE} — {@code ExchangeFilter}: creates the Exchange (request id, debug flag).
 *   <li>{@link #AUTHENTICATION} — {@code ApiKeyAuthFilter}: reads the bearer key, writes {@code
 *       Exchange.tenant}; 401 on a missing, unknown, revoked or expired key.
 *   <li>{@link #POLICY} — {@code PolicyInterceptor} around {@code ChatGateway}: reads the tenant,
 *       enforces limits and budgets (429), may mark the request budget-constrained.
 *   <li>{@link #CACHE} — {@code CacheInterceptor}: reads the request, writes {@code
 *       Exchange.cache*}; a hit short-circuits routing and execution.
 *   <li>Routing — {@code Router} inside {@code ChatGateway}: resolves aliases, checks the tenant's
 *       allow-list (403), builds the attempt plan.
 *   <li>Execution — {@code AttemptExecutor}: calls the upstream, falls back on retryable failures,
 *       writes {@code Exchange.servedBy}.
 *   <li>Audit and write-back — {@code RequestCompleted} observers, fired when the answer (or the
 *       stream) is complete: usage, cost, audit.
 *   <li>{@link #HEADERS} — {@code GatewayHeadersFilter}: writes the {@code x-hyperion-*} headers
 *       and {@code Server-Timing} from the Exchange on every answer.
 * </ol>
 */
public final class PipelinePriorities {

  public static final int EXCHANGE = jakarta.ws.rs.Priorities.AUTHENTICATION - 100;
  public static final int AUTHENTICATION = jakarta.ws.rs.Priorities.AUTHENTICATION;

  /** Interceptor priorities: lower runs first (outermost). */
  public static final int POLICY = jakarta.interceptor.Interceptor.Priority.APPLICATION + 100;

  public static final int CACHE = jakarta.interceptor.Interceptor.Priority.APPLICATION + 200;
  public static final int HEADERS = jakarta.ws.rs.Priorities.HEADER_DECORATOR;

  private PipelinePriorities() {}
}
