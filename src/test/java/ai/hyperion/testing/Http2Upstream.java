package ai.hyperion.testing;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A Jetty upstream on 127.0.0.1 that speaks TLS with {@code certificate} and offers HTTP/2 and
 * HTTP/1.1 in the handshake (ALPN), as the providers' APIs do, allowing {@code maxStreams}
 * concurrent streams an HTTP/2 connection.
 */
public record Http2Upstream(Server server, ServerConnector connector) {

  public static Http2Upstream start(
      SelfSignedCertificate certificate, int maxStreams, Handler handler) throws Exception {
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStorePath(certificate.keystore().toString());
    tls.setKeyStorePassword(certificate.password());
    HttpConfiguration config = new HttpConfiguration();
    config.addCustomizer(new SecureRequestCustomizer(false));
    HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(config);
    h2.setMaxConcurrentStreams(maxStreams);
    HttpConnectionFactory h1 = new HttpConnectionFactory(config);
    ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
    alpn.setDefaultProtocol(h1.getProtocol());
    Server server = new Server();
    ServerConnector connector =
        new ServerConnector(
            server, new SslConnectionFactory(tls, alpn.getProtocol()), alpn, h2, h1);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(handler);
    server.start();
    return new Http2Upstream(server, connector);
  }

  public int port() {
    return connector.getLocalPort();
  }

  public void stop() throws Exception {
    server.stop();
  }
}
