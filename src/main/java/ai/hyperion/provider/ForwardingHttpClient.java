package ai.hyperion.provider;

import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient} that adds behaviour to sending and answers every question about its
 * configuration with the client it wraps ({@link #configured()}).
 */
public abstract class ForwardingHttpClient extends HttpClient {

  /** The client whose configuration this one reports. */
  protected abstract HttpClient configured();

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return configured().cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return configured().connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return configured().followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return configured().proxy();
  }

  @Override
  public SSLContext sslContext() {
    return configured().sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return configured().sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return configured().authenticator();
  }

  @Override
  public Version version() {
    return configured().version();
  }

  @Override
  public Optional<Executor> executor() {
    return configured().executor();
  }
}
