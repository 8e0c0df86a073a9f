package io.assisthost.host.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;

/** The {@code cluster} section: how this node joins the Hazelcast cluster. */
public final class ClusterOptions {

    private final String host;
    private final int port;
    private final List<String> members;
    private final Path configFile;

    ClusterOptions(JsonObject section, Path home) {
        JsonObject root = new JsonObject().put("cluster", section);
        this.host = HostConfig.requireString(root, "cluster.host");
        long value = HostConfig.requireLong(root, "cluster.port");
        if (value < 1 || value > 65535) {
            throw new ConfigException("cluster.port (ASSIST_CLUSTER_PORT) must be a port number, was " + value);
        }
        this.port = (int) value;
        this.members = HostConfig.strings(root, "cluster.members");
        if (members.isEmpty()) {
            throw new ConfigException("cluster.members (ASSIST_CLUSTER_MEMBERS) must name at least one member");
        }
        this.configFile = home.resolve(HostConfig.requireString(root, "cluster.config")).normalize();
    }

    /** The address this node binds and announces. */
    public String host() {
        return host;
    }

    /** The Hazelcast member port; the next free port is taken if it is in use. */
    public int port() {
        return port;
    }

    /** {@code host} or {@code host:port} entries this node tries to join. */
    public List<String> members() {
        return members;
    }

    /** The Hazelcast XML configuration. */
    public Path configFile() {
        return configFile;
    }
}
