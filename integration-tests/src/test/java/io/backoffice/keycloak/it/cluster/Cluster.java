package io.backoffice.keycloak.it.cluster;

import static io.backoffice.keycloak.it.TestHttp.HTTP;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

import io.backoffice.keycloak.testing.KeycloakServer;
import io.backoffice.keycloak.testkit.Http;
import io.backoffice.keycloak.testkit.ServerAdmin;

/**
 * Two Keycloak nodes on one PostgreSQL database, clustered the production way (Infinispan, JDBC_PING
 * discovery) on loopback ports. Built once ({@code kc.sh build}), copied per node, started with
 * {@code start --optimized}. Both nodes share one {@code --hostname} so either accepts the other's tokens.
 */
final class Cluster implements AutoCloseable {

    static final String PG_URL = System.getProperty("kc.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/");
    static final String PG_USER = System.getProperty("kc.test.pg.user", "postgres");
    private static final int FIRST_PORT = Integer.getInteger("kc.test.cluster.port", 8700);

    final String database = "backoffice_cluster_" + ProcessHandle.current().pid();
    final List<Node> nodes = new ArrayList<>();
    /** The one {@code --hostname} both nodes write into tokens and pages; nothing listens there. */
    final String publicBase = "http://127.0.0.1:" + (FIRST_PORT + 99);

    static boolean postgresAvailable() {
        try (Connection ignored = DriverManager.getConnection(PG_URL + "postgres", PG_USER, "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    Cluster start() throws Exception {
        try (Connection c = DriverManager.getConnection(PG_URL + "postgres", PG_USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database);
        }
        Path template = Path.of(System.getProperty("keycloak.home"));
        Path target = template.getParent().getParent();
        String hostname = publicBase;
        KeycloakServer first = KeycloakServer.prepare(template, target.resolve("keycloak-cluster-a"), FIRST_PORT, arguments(0, hostname));
        first.build(List.of("--db=postgres", "--health-enabled=true", "--features=organization"));
        nodes.add(new Node("A", first));
        nodes.add(new Node("B", first.copy(target.resolve("keycloak-cluster-b"), FIRST_PORT + 1, arguments(1, hostname))));
        // The first node creates the schema alone; the second joins once it is up.
        first.start(Duration.ofMinutes(5));
        nodes.get(1).server.start(Duration.ofMinutes(5));
        return this;
    }

    private List<String> arguments(int index, String hostname) {
        return List.of("start", "--optimized",
                "--db-url=" + PG_URL + database, "--db-username=" + PG_USER, "--db-password=unused",
                "--http-enabled=true", "--http-host=127.0.0.1", "--hostname=" + hostname,
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + (7800 + 10 * index + FIRST_PORT % 100));
    }

    /** A connection to the cluster's own database, to check what was really committed. */
    Connection connection() throws SQLException {
        return DriverManager.getConnection(PG_URL + database, PG_USER, "");
    }

    Node a() {
        return nodes.get(0);
    }

    Node b() {
        return nodes.get(1);
    }

    /** Restarts a node that was killed, on the same database. */
    void restart(Node node) {
        node.server.start(Duration.ofMinutes(3));
    }

    @Override
    public void close() throws Exception {
        List<CompletableFuture<Void>> stops = nodes.stream().map(n -> CompletableFuture.runAsync(n.server::close)).toList();
        stops.forEach(CompletableFuture::join);
        try (Connection c = DriverManager.getConnection(PG_URL + "postgres", PG_USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /** One node, with an admin token of its own. */
    static final class Node {
        final String name;
        final KeycloakServer server;
        private final ServerAdmin admin;

        Node(String name, KeycloakServer server) {
            this.name = name;
            this.server = server;
            this.admin = new ServerAdmin(HTTP, server.baseUrl(), KeycloakServer.ADMIN_USER, KeycloakServer.ADMIN_PASSWORD);
        }

        String base() {
            return server.baseUrl();
        }

        ServerAdmin serverAdmin() {
            return admin;
        }

        String adminToken() {
            return admin.token();
        }

        Http.Reply admin(String method, String path, Object body) {
            return admin.send(method, path, body);
        }

        JsonNode adminGet(String path) {
            Http.Reply reply = admin("GET", path, null);
            if (reply.status() != 200) {
                throw new AssertionError("GET " + path + " on " + name + ": " + reply);
            }
            return reply.json();
        }

        Http.Reply call(String method, String realmPath, String bearer, Object body) {
            return HTTP.send(method, base() + "/realms" + realmPath, bearer, body);
        }
    }
}
