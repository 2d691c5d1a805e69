package policygraph.ci;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Minimal Neo4j Community server for local CI/tests: an embedded DBMS with the
 * Bolt connector on a loopback address. Runs until killed; SIGTERM/SIGINT shut
 * the DBMS down cleanly through a shutdown hook.
 *
 * Configuration (environment variables):
 *   NEO4J_HOME      directory for data/logs (default: ./run/home)
 *   NEO4J_HOST      listen address (default 127.0.0.1)
 *   NEO4J_PORT      Bolt port (default 7687)
 *   NEO4J_USER      must be "neo4j" (the only user Community creates) when auth is on
 *   NEO4J_PASSWORD  password for user neo4j (default "policygraph")
 *   NEO4J_AUTH      "none" disables authentication (any credentials are accepted)
 *   NEO4J_PAGECACHE page cache size in MiB (default 256)
 *   NEO4J_READY_FILE written once the server is ready (password set), deleted on shutdown
 */
public final class Launcher {

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(env("NEO4J_HOME", "run/home")).toAbsolutePath();
        String host = env("NEO4J_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("NEO4J_PORT", "7687"));
        String password = env("NEO4J_PASSWORD", "policygraph");
        boolean auth = !"none".equalsIgnoreCase(env("NEO4J_AUTH", ""));
        long pagecacheMiB = Long.parseLong(env("NEO4J_PAGECACHE", "256"));
        String readyFile = env("NEO4J_READY_FILE", "");
        Files.createDirectories(home);

        long t0 = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                .setConfig(GraphDatabaseSettings.auth_minimum_password_length, 1)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pagecacheMiB))
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("[launcher] shutting down Neo4j ...");
            if (!readyFile.isEmpty()) {
                try {
                    Files.deleteIfExists(Path.of(readyFile));
                } catch (Exception ignored) {
                    // best effort
                }
            }
            try {
                dbms.shutdown();
            } catch (Throwable t) {
                t.printStackTrace();
            }
            System.out.println("[launcher] Neo4j stopped");
            stopped.countDown();
        }, "neo4j-shutdown"));

        if (auth) {
            // Community has the single built-in user "neo4j" (initial password "neo4j",
            // change required). Set the configured password, without change requirement.
            // A marker (SHA-256 of the password) skips this on restarts: the first Cypher
            // query on a cold JVM costs seconds.
            Path marker = home.resolve("password.sha256");
            String digest = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
            if (!Files.exists(marker) || !Files.readString(marker).trim().equals(digest)) {
                try {
                    dbms.database("system").executeTransactionally(
                            "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
                } catch (RuntimeException e) {
                    // e.g. the password is already the configured one
                    System.out.println("[launcher] password unchanged: " + e.getMessage());
                }
                Files.writeString(marker, digest + "\n");
            }
        }

        System.out.printf("[launcher] Neo4j %s ready on bolt://%s:%d (auth %s, home %s) in %d ms%n",
                org.neo4j.kernel.internal.Version.getNeo4jVersion(), host, port,
                auth ? "enabled, user neo4j" : "disabled", home, (System.nanoTime() - t0) / 1_000_000);
        System.out.flush();
        if (!readyFile.isEmpty()) {
            Files.writeString(Path.of(readyFile), ProcessHandle.current().pid() + "\n");
        }
        stopped.await();
    }
}
