package ai.hyperion.audit.guard;

import ai.hyperion.audit.settings.CompliancePolicies;
import ai.hyperion.auth.TenantContext;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.ChatResult;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.PiiProtected;
import ai.hyperion.pipeline.PipelinePriorities;
import ai.hyperion.pipeline.Stage;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runs the organisation's PII policy around the gateway's chat calls (see {@link
 * PipelinePriorities#PII}): the inner stages get the masked call, the client the restored answer; a
 * blocked prompt fails the call with a 400 naming the detectors. Other calls (embeddings) pass
 * through. The policy is two local map reads when warm; an organisation's very first look-up on the
 * cluster reads its settings from the database once.
 */
@Interceptor
@PiiProtected
@Priority(PipelinePriorities.PII)
public class PiiInterceptor {

  @Inject CompliancePolicies policies;
  @Inject PiiMetrics metrics;

  @AroundInvoke
  public Object protect(InvocationContext context) throws Exception {
    if (!(context.getParameters()[0] instanceof ChatCall call)) {
      return context.proceed();
    }
    Exchange exchange = call.exchange();
    TenantContext tenant = exchange.tenant();
    if (tenant == null) {
      return context.proceed();
    }
    exchange.prompt(call.request());
    GuardedCall guarded;
    try {
      guarded =
          exchange.timed(
              Stage.PII, () -> GuardedCall.of(call, policies.forOrg(tenant.orgId()).pii()));
    } catch (RuntimeException refused) {
      return CompletableFuture.failedFuture(refused);
    }
    if (!guarded.changed()) {
      return context.proceed();
    }
    context.setParameters(new Object[] {guarded.call()});
    @SuppressWarnings("unchecked")
    CompletionStage<ChatResult> result = (CompletionStage<ChatResult>) context.proceed();
    return result.thenApply(guarded::restore);
  }
}
