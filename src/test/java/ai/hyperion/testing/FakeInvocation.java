package ai.hyperion.testing;

import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * An interceptor invocation without a container: one parameter (the gateway call) and the
 * intercepted method's body as a callable; counts how often the interceptor proceeded.
 */
public final class FakeInvocation implements InvocationContext {

  private Object[] parameters;
  private final Callable<Object> body;
  private final Map<String, Object> data = new HashMap<>();
  private int proceeded;

  public FakeInvocation(Object call, Callable<Object> body) {
    this.parameters = new Object[] {call};
    this.body = body;
  }

  public int proceeded() {
    return proceeded;
  }

  @Override
  public Object proceed() throws Exception {
    proceeded++;
    return body.call();
  }

  @Override
  public Object[] getParameters() {
    return parameters;
  }

  @Override
  public void setParameters(Object[] params) {
    this.parameters = params;
  }

  @Override
  public Map<String, Object> getContextData() {
    return data;
  }

  @Override
  public Object getTarget() {
    return null;
  }

  @Override
  public Object getTimer() {
    return null;
  }

  @Override
  public Method getMethod() {
    return null;
  }

  @Override
  public Constructor<?> getConstructor() {
    return null;
  }
}
