package ai.hyperion.pipeline;

import jakarta.interceptor.Interceptor;
import jakarta.ws.rs.Priorities;

/**
 * The order of the data-plane pipeline, in one place. Each stage records its duration in the {@link
 * Exchange}; {@code x-hyperion-debug: 1} returns them as {@code Server-Timing}.
 *
 * <ol>
 *   <li>{@link #EXCHANGE} — {@code ExchangeFilter}: creates the Exchange (request id, endpoint,
 *       debug flag).
 *   <li>{@link #TRACE} — {@code TracingFilter}: when tracing is on, writes {@code Exchange.trace}
 *       (the request's span, a child of the client's {@code traceparent}); every stage below then
 *       reports its timing to it too, and each upstream attempt is a child span whose {@code
 *       traceparent} goes upstream.
 *   <li>{@link #AUTHENTICATION} — {@code ApiKeyAuthFilter}: reads the bearer key, writes {@code
 *       Exchange.tenant}; 401 on a missing, unknown, revoked or expired key.
 *   <li>The client dialect ({@code api/}) reads and validates the body into a {@code ChatCall} or
 *       {@code EmbeddingCall}. On {@code /api/d/{id}} the call is first placed: the dedicated
 *       endpoint is found and woken ({@code DedicatedEndpoints.resolve}, timed as {@link
 *       Stage#DEDICATED}; 404, 502 or 503 end the request here) and the call is pinned to its
 *       server ({@link PinnedUpstream}). The call goes to {@code gateway.Gateway}, whose
 *       interceptors run in this order:
 *   <li>{@link #COMPLETION} — {@code CompletionInterceptor}: outermost, so it sees the final
 *       outcome of everything inside (a refusal, a cache hit, an answer, the end of a stream) and
 *       fires {@code RequestCompleted} exactly once with the true status.
 *   <li>{@link #POLICY} — {@code PolicyInterceptor}: reads the tenant, admits the call or refuses
 *       it (429); writes {@code Exchange.admission} (rate-limit headers, a signal for the router);
 *       settles the admission with the real usage, or releases it, exactly once after the call.
 *   <li>{@link #PII} — {@code PiiInterceptor}: reads the tenant's compliance settings and the chat
 *       request, writes {@code Exchange.prompt} (the request as sent, for the request log); in mask
 *       mode hands the inner stages a call whose prompt has placeholders instead of the findings
 *       and restores them in the answer (streams too), in block mode refuses the call (400 {@code
 *       pii_detected}). Inside policy, so a refused prompt still counts as a request; outside the
 *       cache, so cache keys and stored answers never hold the masked values.
 *   <li>{@link #CACHE} — {@code CacheInterceptor}: reads the call, writes {@code Exchange.cache*};
 *       a hit short-circuits routing and execution; after a miss, writes the result back (for a
 *       stream, only after it ended normally).
 *   <li>Routing — {@code Router} inside {@code Gateway}: resolves aliases, checks the tenant's
 *       allow-lists (403), reads the admission's signal, builds the attempt plan (model, deployment
 *       and key of each attempt); a pinned call's first attempt is its upstream.
 *   <li>Execution — {@code AttemptExecutor}: calls the upstream, falls back on retryable failures,
 *       writes {@code Exchange.servedBy} and the attempt records; a stream is tapped so its answer
 *       and usage are known at its end.
 *   <li>{@link #HEADERS} — {@code GatewayHeadersFilter}: writes the {@code x-hyperion-*} headers,
 *       the admission's headers and {@code Server-Timing} from the Exchange on every answer.
 * </ol>
 */
public final class PipelinePriorities {

  public static final int EXCHANGE = Priorities.AUTHENTICATION - 100;

  /** {@code telemetry.TracingFilter}: starts the request's trace when tracing is on. */
  public static final int TRACE = EXCHANGE + 10;

  public static final int AUTHENTICATION = Priorities.AUTHENTICATION;
  public static final int HEADERS = Priorities.HEADER_DECORATOR;

  /** Interceptor priorities: lower runs first (outermost). */
  public static final int COMPLETION = Interceptor.Priority.APPLICATION + 50;

  public static final int POLICY = Interceptor.Priority.APPLICATION + 100;
  public static final int PII = Interceptor.Priority.APPLICATION + 150;
  public static final int CACHE = Interceptor.Priority.APPLICATION + 200;

  private PipelinePriorities() {}
}
