package ai.hyperion.provider;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which client carries upstream calls: Netty's unless the setting asks for the JDK's. */
class UpstreamHttpClientProducerTest {

  @AfterEach
  void forget() {
    System.clearProperty(UpstreamHttpClientProducer.CLIENT_SETTING);
  }

  @Test
  void nettysClientIsTheDefault() {
    assertFalse(UpstreamHttpClientProducer.jdkChosen());
    assertInstanceOf(
        NettyHttpClient.class,
        UpstreamHttpClientProducer.withConnectTimeout(Duration.ofMillis(10_001)));
  }

  @Test
  void theSettingChoosesTheJdkClient() {
    System.setProperty(UpstreamHttpClientProducer.CLIENT_SETTING, " JDK ");

    assertTrue(UpstreamHttpClientProducer.jdkChosen());
    assertInstanceOf(
        ShardedHttpClient.class,
        UpstreamHttpClientProducer.withConnectTimeout(Duration.ofMillis(10_002)));
  }
}
