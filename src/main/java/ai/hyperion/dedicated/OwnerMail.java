package ai.hyperion.dedicated;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Tells an endpoint's owner by e-mail (Jakarta Mail over SMTP) when it is up, when it failed and
 * when it was deleted. Sent from the monitor's thread; a mail that cannot be sent is logged, never
 * retried, and never stops the lifecycle.
 */
public class OwnerMail {

  private static final Logger LOG = Logger.getLogger(OwnerMail.class.getName());

  private final MailSettings settings;
  private final Session session;

  public OwnerMail(MailSettings settings) {
    this.settings = settings;
    Properties props = new Properties();
    props.put("mail.smtp.host", settings.host());
    props.put("mail.smtp.port", Integer.toString(settings.port()));
    props.put("mail.smtp.connectiontimeout", Integer.toString(settings.timeoutMillis()));
    props.put("mail.smtp.timeout", Integer.toString(settings.timeoutMillis()));
    props.put("mail.smtp.writetimeout", Integer.toString(settings.timeoutMillis()));
    props.put("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
    props.put("mail.smtp.starttls.required", Boolean.toString(settings.startTls()));
    boolean auth = !settings.username().isBlank();
    props.put("mail.smtp.auth", Boolean.toString(auth));
    this.session =
        auth
            ? Session.getInstance(
                props,
                new Authenticator() {
                  @Override
                  protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(settings.username(), settings.password());
                  }
                })
            : Session.getInstance(props);
  }

  public void up(DedicatedEndpoint endpoint) {
    send(
        endpoint,
        "is up",
        "Your dedicated endpoint "
            + label(endpoint)
            + " is up and serving "
            + endpoint.model()
            + ".\n\nCall it at POST "
            + endpoint.path()
            + " with a key of your organisation.\nHardware: "
            + endpoint.gpuCount()
            + " × "
            + endpoint.hardwareId()
            + " ("
            + endpoint.gpuKind()
            + ").\n");
  }

  public void failed(DedicatedEndpoint endpoint) {
    send(
        endpoint,
        "failed",
        "Your dedicated endpoint "
            + label(endpoint)
            + " for "
            + endpoint.model()
            + " failed:\n\n  "
            + endpoint.statusMessage()
            + "\n\nIts recent log: GET /api/endpoints/"
            + endpoint.id()
            + "/logs. Delete it and provision it again once the cause is fixed.\n");
  }

  public void deleted(DedicatedEndpoint endpoint) {
    send(
        endpoint,
        "was deleted",
        "Your dedicated endpoint "
            + label(endpoint)
            + " for "
            + endpoint.model()
            + " was deleted; its GPUs are released.\n");
  }

  private void send(DedicatedEndpoint endpoint, String what, String body) {
    String to = endpoint.notifyEmail();
    if (!settings.enabled() || to == null || to.isBlank()) {
      LOG.fine(() -> "No mail for " + endpoint.id() + " " + what + " (no SMTP host or address)");
      return;
    }
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(settings.from()));
      message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
      message.setSubject(
          "[Hyperion] Dedicated endpoint " + endpoint.id() + " " + what,
          StandardCharsets.UTF_8.name());
      message.setText(body, StandardCharsets.UTF_8.name());
      Transport.send(message);
      LOG.info(() -> "Mailed " + to + ": " + endpoint.id() + " " + what);
    } catch (MessagingException e) {
      LOG.warning(
          "Could not mail "
              + to
              + " that "
              + endpoint.id()
              + " "
              + what
              + " through "
              + settings
              + ": "
              + e.getMessage());
    }
  }

  private static String label(DedicatedEndpoint endpoint) {
    return endpoint.name() == null || endpoint.name().isBlank()
        ? endpoint.id()
        : endpoint.id() + " (" + endpoint.name() + ")";
  }
}
