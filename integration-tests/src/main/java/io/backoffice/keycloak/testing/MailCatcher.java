package io.backoffice.keycloak.testing;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/**
 * The dev server's outgoing mail: an SMTP server on loopback (GreenMail, in this JVM) that keeps every
 * message and prints its recipients, subject and links, so a newcomer can follow an onboarding mail or an
 * invitation end to end without a real mailbox.
 */
public final class MailCatcher implements AutoCloseable {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");

    private final GreenMail server;
    private final Thread printer;

    private MailCatcher(GreenMail server) {
        this.server = server;
        this.printer = new Thread(this::printNewMail, "mail-catcher");
        this.printer.setDaemon(true);
    }

    static MailCatcher start(int port) {
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        MailCatcher catcher = new MailCatcher(server);
        catcher.printer.start();
        return catcher;
    }

    int port() {
        return server.getSmtp().getPort();
    }

    /** Prints each message once, as it arrives. */
    private void printNewMail() {
        int printed = 0;
        while (!Thread.currentThread().isInterrupted()) {
            MimeMessage[] received = server.getReceivedMessages();
            for (; printed < received.length; printed++) {
                System.out.println(describe(received[printed]));
                System.out.flush();
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static String describe(MimeMessage message) {
        StringBuilder out = new StringBuilder("\n  [mail] ");
        try {
            Address[] to = message.getAllRecipients();
            out.append("To: ").append(to == null ? "?" : String.join(", ", List.of(to).stream().map(Address::toString).toList()))
                    .append("\n  [mail] Subject: ").append(message.getSubject()).append('\n');
            for (String link : links(plainText(message))) {
                out.append("  [mail] Link: ").append(link).append('\n');
            }
        } catch (MessagingException | IOException e) {
            out.append("(unreadable: ").append(e.getMessage()).append(")\n");
        }
        return out.toString();
    }

    /**
     * Distinct links of the text, in order, with HTML character references made plain: Keycloak's own
     * invitation template sanitizes its plain-text part as HTML, so its link reads {@code key&#61;…}.
     */
    public static List<String> links(String text) {
        Set<String> links = new LinkedHashSet<>();
        Matcher matcher = LINK.matcher(unescape(text));
        while (matcher.find()) {
            links.add(matcher.group());
        }
        return new ArrayList<>(links);
    }

    private static final Pattern NUMERIC_REFERENCE = Pattern.compile("&#(\\d+);");

    private static String unescape(String text) {
        return NUMERIC_REFERENCE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                String.valueOf((char) Integer.parseInt(m.group(1))))).replace("&amp;", "&");
    }

    /** A message's plain-text part when there is one (Keycloak sends text and HTML alternatives). */
    public static String plainText(MimeMessage message) throws MessagingException, IOException {
        return text(message.getContent());
    }

    private static String text(Object content) throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain") || part.getContent() instanceof Multipart) {
                    return text(part.getContent());
                }
            }
            return text(multipart.getBodyPart(0).getContent());
        }
        if (content instanceof InputStream stream) {
            return new String(stream.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        return String.valueOf(content);
    }

    @Override
    public void close() {
        printer.interrupt();
        server.stop();
    }
}
