package ai.hyperion.policy;

import ai.hyperion.pipeline.GatewayCall;
import ai.hyperion.pipeline.PipelinePriorities;
import ai.hyperion.pipeline.PolicyEnforced;
import ai.hyperion.pipeline.Stage;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Runs {@link PolicyStage} before the gateway method and times it. */
@Interceptor
@PolicyEnforced
@Priority(PipelinePriorities.POLICY)
public class PolicyInterceptor {

  @Inject PolicyStage policy;

  @AroundInvoke
  public Object enforce(InvocationContext context) throws Exception {
    GatewayCall call = (GatewayCall) context.getParameters()[0];
    long start = System.nanoTime();
    try {
      policy.admit(call);
    } finally {
      call.exchange().record(Stage.POLICY, System.nanoTime() - start);
    }
    return context.proceed();
  }
}
