package io.backoffice.keycloak.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** A real SMTP server on loopback (GreenMail), one per test JVM; realms send their mail to it. */
public final class Mailbox {

    private static GreenMail server;

    private Mailbox() {
    }

    public record Mail(List<String> to, String subject, String body) {
    }

    private static synchronized GreenMail server() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    /** Makes this server the realm's SMTP server. */
    public static void configure(TestRealm realm) {
        int port = server().getSmtp().getPort();
        Http.Reply reply = realm.admin("PUT", "", Map.of("smtpServer", Map.of(
                "host", "127.0.0.1", "port", Integer.toString(port), "from", "no-reply@back-office.test",
                "auth", "false", "ssl", "false", "starttls", "false")));
        if (reply.status() != 204) {
            throw new AssertionError("SMTP settings not saved: " + reply);
        }
    }

    /** Every message received so far for this address. */
    public static List<Mail> mailsTo(String address) {
        return Arrays.stream(server().getReceivedMessages())
                .map(Mailbox::read)
                .filter(mail -> mail.to().stream().anyMatch(address::equalsIgnoreCase))
                .toList();
    }

    /** Waits up to 10 s until {@code count} messages have reached the address. */
    public static List<Mail> awaitMailsTo(String address, int count) {
        long deadline = System.currentTimeMillis() + 10_000;
        List<Mail> mails = mailsTo(address);
        while (mails.size() < count && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            mails = mailsTo(address);
        }
        return mails;
    }

    private static Mail read(MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            return new Mail(to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList(),
                    message.getSubject(), GreenMailUtil.getBody(message));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
