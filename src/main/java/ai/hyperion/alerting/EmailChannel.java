package ai.hyperion.alerting;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import java.util.Set;

/** Sends alert e-mails through the configured SMTP server (Jakarta Mail). */
final class EmailChannel {

  private final SmtpSettings settings;
  private final Session session;

  EmailChannel(SmtpSettings settings) {
    this.settings = settings;
    Properties props = new Properties();
    props.put("mail.smtp.host", settings.host());
    props.put("mail.smtp.port", Integer.toString(settings.port()));
    props.put("mail.smtp.connectiontimeout", Integer.toString(settings.timeoutMillis()));
    props.put("mail.smtp.timeout", Integer.toString(settings.timeoutMillis()));
    props.put("mail.smtp.writetimeout", Integer.toString(settings.timeoutMillis()));
    props.put("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
    props.put("mail.smtp.starttls.required", Boolean.toString(settings.startTls()));
    props.put("mail.smtp.ssl.enable", Boolean.toString(settings.ssl()));
    props.put("mail.smtp.auth", Boolean.toString(settings.user().isPresent()));
    Authenticator authenticator =
        settings.user().isEmpty()
            ? null
            : new Authenticator() {
              @Override
              protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(settings.username(), settings.password());
              }
            };
    this.session = settings.configured() ? Session.getInstance(props, authenticator) : null;
  }

  /** Returns the delivery status to record: "sent to N", "not configured" or the failure. */
  String send(Set<String> to, AlertNotice notice) {
    if (to.isEmpty()) {
      return null;
    }
    if (session == null) {
      return "not sent: no SMTP host configured (hyperion.alerts.smtp.host)";
    }
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(settings.from()));
      for (String address : to) {
        message.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
      }
      message.setSubject("[Hyperion] " + notice.summary(), StandardCharsets.UTF_8.name());
      message.setSentDate(new Date());
      message.setHeader("X-Hyperion-Alert-Id", notice.alertId());
      message.setText(notice.text(), StandardCharsets.UTF_8.name());
      Transport.send(message);
      return "sent to " + to.size();
    } catch (MessagingException e) {
      return "failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
