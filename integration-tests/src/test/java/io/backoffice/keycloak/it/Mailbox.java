package io.backoffice.keycloak.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieHandler;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import io.backoffice.keycloak.testing.MailCatcher;
import io.backoffice.keycloak.testkit.Http;

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
                    message.getSubject(), MailCatcher.plainText(message));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first link in a mail to Keycloak's action-token endpoint. */
    public static String actionLink(Mail mail) {
        return MailCatcher.links(mail.body()).stream()
                .filter(link -> link.contains("/login-actions/action-token?"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No action link in: " + mail.body()));
    }

    /**
     * Opens the mail's action link as a person's browser would (cookies kept, redirects followed),
     * including Keycloak's "confirm this address" page in between; returns the last page.
     */
    public static String clickActionLink(Mail mail) {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new PlainCookieJar())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String page = open(browser, actionLink(mail));
        Matcher confirm = CONFIRM_LINK.matcher(page);
        if (!confirm.find()) {
            return page;
        }
        return open(browser, confirm.group(1).replace("&amp;", "&"));
    }

    /**
     * Keeps every cookie, Secure ones included: Keycloak marks its cookies Secure on http://localhost
     * (a secure context for browsers), which Java's CookieManager would then never send back over http.
     */
    private static final class PlainCookieJar extends CookieHandler {
        private final Map<String, String> cookies = new ConcurrentHashMap<>();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            return cookies.isEmpty() ? Map.of() : Map.of("Cookie", List.of(cookies.entrySet().stream()
                    .map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; "))));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) {
            responseHeaders.forEach((name, values) -> {
                if ("Set-Cookie".equalsIgnoreCase(name)) {
                    for (String value : values) {
                        String pair = value.split(";", 2)[0];
                        int eq = pair.indexOf('=');
                        if (eq > 0) {
                            cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                        }
                    }
                }
            });
        }
    }

    private static String open(HttpClient browser, String url) {
        try {
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                throw new AssertionError("GET " + url + ": " + page.statusCode() + " " + page.body());
            }
            return page.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final Pattern CONFIRM_LINK = Pattern.compile("href=\"([^\"]*/login-actions/action-token\\?[^\"]*)\"");

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
