package io.backoffice.keycloak.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stock Keycloak distribution with our providers, started as a child process ({@code kc.sh}).
 * The same launcher serves the tests, the dev server and the benchmark. Plain JDK, no dependencies,
 * so the dev server runs from the compiled classes alone.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    private final Path home;
    private final int httpPort;
    private final int managementPort;
    private final List<String> arguments;
    private Process process;

    private KeycloakServer(Path home, int httpPort, List<String> arguments) {
        this.home = home;
        this.httpPort = httpPort;
        this.managementPort = httpPort + 1000;
        this.arguments = arguments;
    }

    /**
     * Copies the unpacked distribution ({@code template}, providers already in it) to {@code workDir}
     * once, then refreshes its providers from the template on every call. Keeping the copy keeps
     * Keycloak's build step cached between runs when our JARs did not change. {@code arguments} are
     * {@code kc.sh}'s (e.g. {@code start-dev ...}); the HTTP and management ports are added.
     */
    public static KeycloakServer prepare(Path template, Path workDir, int httpPort, List<String> arguments) {
        return prepare(template, workDir, httpPort, arguments, null);
    }

    /** As above, plus the JARs of {@code extraProviders} (test-only providers, which the template never holds). */
    public static KeycloakServer prepare(Path template, Path workDir, int httpPort, List<String> arguments, Path extraProviders) {
        try {
            if (!Files.exists(workDir.resolve("bin/kc.sh"))) {
                log("Copying Keycloak from " + template + " to " + workDir);
                copyTree(template, workDir);
            } else {
                Path providers = workDir.resolve("providers");
                deleteTree(providers);
                copyTree(template.resolve("providers"), providers);
            }
            if (extraProviders != null) {
                copyTree(extraProviders, workDir.resolve("providers"));
            }
            workDir.resolve("bin/kc.sh").toFile().setExecutable(true);
            return new KeycloakServer(workDir, httpPort, arguments);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path home() {
        return home;
    }

    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    public Path logFile() {
        return home.resolve("server.log");
    }

    /**
     * Another node from this one's built distribution: a fresh copy (so it has this run's providers and
     * build), no second build step.
     */
    public KeycloakServer copy(Path workDir, int port, List<String> otherArguments) {
        try {
            deleteTree(workDir);
            copyTree(home, workDir);
            return new KeycloakServer(workDir, port, otherArguments);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code kc.sh build} with these options (for {@code start --optimized}). */
    public void build(List<String> options) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(options);
        log("Building Keycloak: " + String.join(" ", options));
        try {
            Process build = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile())).start();
            if (build.waitFor() != 0) {
                throw new IllegalStateException("kc.sh build failed; see " + logFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts {@code kc.sh} with the arguments and waits until the master realm answers. */
    public KeycloakServer start(Duration timeout) {
        freePort();
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/kc.sh").toString());
        command.addAll(arguments);
        command.add("--http-port=" + httpPort);
        command.add("--http-management-port=" + managementPort);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        Map<String, String> env = builder.environment();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.putIfAbsent("JAVA_OPTS_KC_HEAP", "-Xms256m -Xmx1g");
        long started = System.nanoTime();
        log("Starting Keycloak on " + baseUrl() + " (log: " + logFile() + ")");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = started + timeout.toNanos();
        long nextReport = started + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + logFile());
            }
            if (answers(http)) {
                log(String.format("Keycloak is up after %.1f s", (System.nanoTime() - started) / 1e9));
                return this;
            }
            if (System.nanoTime() > nextReport) {
                log(String.format("... still starting (%.0f s; the first start builds the server)", (System.nanoTime() - started) / 1e9));
                nextReport += Duration.ofSeconds(15).toNanos();
            }
            sleep(500);
        }
        close();
        throw new IllegalStateException("Keycloak did not answer within " + timeout + "; see " + logFile());
    }

    /** Blocks until the server process ends (the dev server's foreground mode). */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** SIGKILL of the server's JVM, as a crash would do (kc.sh does not exec java). */
    public synchronized void kill() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.onExit().join();
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public synchronized void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        // kc.sh does not exec java: stop the java child too.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.onExit().get(java.util.concurrent.TimeUnit.SECONDS.toMillis(30), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private boolean answers(HttpClient http) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/realms/master"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A server left over from an interrupted run would answer in our place. */
    private void freePort() {
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", httpPort), 300);
            throw new IllegalStateException("Port " + httpPort + " is already in use: stop what listens there first.");
        } catch (IOException free) {
            // nothing listens: good
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void log(String message) {
        System.out.println("[keycloak] " + message);
        System.out.flush();
    }
}
