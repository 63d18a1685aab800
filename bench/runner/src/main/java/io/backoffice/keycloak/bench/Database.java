package io.backoffice.keycloak.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The benchmark's database: its own, freshly made, on the machine's PostgreSQL (127.0.0.1:5432, user
 * postgres), as production would run Keycloak.
 */
final class Database {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String USER = "postgres";

    final String name;
    final String description;
    final boolean postgres;

    private Database(String name, String description, boolean postgres) {
        this.name = name;
        this.description = description;
        this.postgres = postgres;
    }

    /** A fresh database on the machine's PostgreSQL; the benchmark measures on nothing else. */
    static Database create(String name) {
        DriverManager.setLoginTimeout(3);
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, System.getenv().getOrDefault("PGPASSWORD", "unused"));
             Statement statement = connection.createStatement()) {
            String version;
            try (ResultSet rs = statement.executeQuery("show server_version")) {
                rs.next();
                version = rs.getString(1);
            }
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
            return new Database(name, "PostgreSQL " + version + " on 127.0.0.1:5432, database " + name + " (made fresh)", true);
        } catch (SQLException e) {
            throw new IllegalStateException("The benchmark needs PostgreSQL on 127.0.0.1:5432 (user postgres): " + e.getMessage(), e);
        }
    }

    List<String> keycloakOptions() {
        return postgres
                ? List.of("--db-url=jdbc:postgresql://127.0.0.1:5432/" + name, "--db-username=" + USER,
                        "--db-password=" + System.getenv().getOrDefault("PGPASSWORD", "unused"))
                : List.of();
    }

    /** After bulk seeding: what autovacuum would do later, done now so it does not run during the timed rounds. */
    void analyze() {
        if (!postgres) {
            return;
        }
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + name, USER,
                System.getenv().getOrDefault("PGPASSWORD", "unused"));
             Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE");
        } catch (SQLException e) {
            throw new IllegalStateException("VACUUM ANALYZE failed: " + e.getMessage(), e);
        }
    }

    void drop() {
        if (!postgres) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, System.getenv().getOrDefault("PGPASSWORD", "unused"));
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            BenchMain.log("Could not drop database " + name + ": " + e.getMessage());
        }
    }
}
