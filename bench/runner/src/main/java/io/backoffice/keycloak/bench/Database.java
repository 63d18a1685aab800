package io.backoffice.keycloak.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The benchmark's database: its own, freshly made, on the machine's PostgreSQL (127.0.0.1:5432, user
 * postgres) when that answers; otherwise Keycloak's embedded dev-file database.
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

    static Database choose(String name) {
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
            return new Database(name, "embedded dev-file database (PostgreSQL on 127.0.0.1:5432 not reachable: "
                    + e.getMessage() + ")", false);
        }
    }

    List<String> keycloakOptions() {
        return postgres
                ? List.of("--db=postgres", "--db-url=jdbc:postgresql://127.0.0.1:5432/" + name, "--db-username=" + USER,
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
