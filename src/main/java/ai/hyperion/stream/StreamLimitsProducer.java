package ai.hyperion.stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads {@link StreamLimits} from MicroProfile Config once, refusing values that make no sense. */
@ApplicationScoped
public class StreamLimitsProducer {

  @Inject
  @ConfigProperty(name = "hyperion.stream.keep-alive-seconds", defaultValue = "15")
  double keepAlive;

  @Inject
  @ConfigProperty(name = "hyperion.stream.first-event-timeout-seconds", defaultValue = "300")
  double firstEvent;

  @Inject
  @ConfigProperty(name = "hyperion.stream.idle-timeout-seconds", defaultValue = "300")
  double idle;

  @Inject
  @ConfigProperty(name = "hyperion.stream.total-timeout-seconds", defaultValue = "1800")
  double total;

  @Inject
  @ConfigProperty(name = "hyperion.stream.client-stall-seconds", defaultValue = "30")
  double clientStall;

  @Inject
  @ConfigProperty(name = "hyperion.stream.buffer-bytes", defaultValue = "65536")
  int bufferBytes;

  @Produces
  StreamLimits settings() {
    if (bufferBytes < 1024) {
      throw new IllegalArgumentException("hyperion.stream.buffer-bytes must be at least 1024");
    }
    return new StreamLimits(
        seconds("keep-alive-seconds", keepAlive),
        seconds("first-event-timeout-seconds", firstEvent),
        seconds("idle-timeout-seconds", idle),
        seconds("total-timeout-seconds", total),
        seconds("client-stall-seconds", clientStall),
        bufferBytes);
  }

  private static Duration seconds(String name, double value) {
    if (!(value > 0)) {
      throw new IllegalArgumentException("hyperion.stream." + name + " must be above 0");
    }
    return Duration.ofMillis((long) (value * 1000));
  }
}
