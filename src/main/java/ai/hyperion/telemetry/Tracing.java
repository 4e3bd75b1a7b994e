package ai.hyperion.telemetry;

import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.RequestTrace;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Whether requests are traced (each trace ends with its request's completion, {@code
 * CompletionRecorder}). Tracing is MicroProfile Telemetry's: off unless {@code
 * otel.sdk.disabled=false} (the same switch Liberty's mpTelemetry SDK obeys), and then only when
 * the OpenTelemetry API is visible to the application (Liberty shows it to an application declared
 * with {@code apiTypeVisibility="+third-party"}, not to one dropped into {@code dropins/}). Without
 * it the gateway runs untraced and says so once; the OpenTelemetry classes are only loaded when
 * both hold, so the gateway deploys the same either way.
 */
@ApplicationScoped
public class Tracing {

  static final String SWITCH = "otel.sdk.disabled";
  private static final String OTEL_API = "io.opentelemetry.api.OpenTelemetry";
  private static final Logger LOG = Logger.getLogger(Tracing.class.getName());

  /** Null when tracing is off; set once at start-up. */
  private volatile RequestTracer tracer;

  @PostConstruct
  void start() {
    Config config = ConfigProvider.getConfig(Tracing.class.getClassLoader());
    if (config.getOptionalValue(SWITCH, Boolean.class).orElse(true)) {
      return;
    }
    try {
      Class.forName(OTEL_API, false, Tracing.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError invisible) {
      LOG.warning(
          "otel.sdk.disabled=false, but the OpenTelemetry API is not visible to the application:"
              + " requests are not traced. Declare the application in server.xml with"
              + " <classloader apiTypeVisibility=\"+third-party\"/> (README \"Traces\").");
      return;
    }
    tracer = OtelRequestTracer.fromContainer();
    LOG.info("Tracing data-plane requests through MicroProfile Telemetry.");
  }

  /** Tracing with a given tracer (tests). */
  void use(RequestTracer tracer) {
    this.tracer = tracer;
  }

  public boolean enabled() {
    return tracer != null;
  }

  /** Starts the request's trace; null when tracing is off. */
  RequestTrace start(Exchange exchange, UnaryOperator<String> headers) {
    RequestTracer current = tracer;
    return current == null ? null : current.start(exchange, headers);
  }
}
