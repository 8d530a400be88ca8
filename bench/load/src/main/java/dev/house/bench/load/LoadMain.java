package dev.house.bench.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.HdrHistogram.Recorder;

/**
 * The SSE load client's entry point, one scenario per run against one server:
 *
 * <pre>
 * java -cp ... dev.house.bench.load.LoadMain fanout --port 8080 --server house-core --subscribers 1000
 * java -cp ... dev.house.bench.load.LoadMain idle   --port 8080 --server netty --subscribers 15000 --sources 2 --pid 1234
 * java -cp ... dev.house.bench.load.LoadMain slow   --port 8080 --server mvc --normal 100 --slow 1000 --pid 1234
 * java -cp ... dev.house.bench.load.LoadMain flood  --port 8080 --server house-core --rooms 200000 --pid 1234
 * java -cp ... dev.house.bench.load.LoadMain fanout --ports 8080,8081 --server house-starter --subscribers 10000
 * java -cp ... dev.house.bench.load.LoadMain burst  --port 8080 --server webflux --subscribers 5000 --events 50 --pids 1234
 * </pre>
 *
 * {@code --pids} names the server's processes (a cluster's nodes, comma-separated) so the fanout
 * and burst scenarios can read what the server spent ({@link ProcessCost}); burst requires it.
 *
 * {@code --ports} names the nodes of a cluster: subscribers and publisher connections are spread
 * over them round-robin, so most events cross from one node to the other through the broker.
 *
 * {@code --tls true} speaks HTTPS to the servers (fanout and idle), trusting any certificate.
 * {@code --h2-streams N} subscribes over HTTP/2, N subscribers (streams) per connection: h2c with
 * prior knowledge, or h2 by ALPN with {@code --tls true} (fanout and idle; the publisher stays on HTTP/1.1).
 * Prints one {@code RESULT key=value ...} line (see {@link Report}); progress goes to stderr.
 */
public final class LoadMain {
    private LoadMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: LoadMain fanout|idle|slow|flood|burst --port N --server NAME [options]");
            System.exit(2);
        }
        String scenario = args[0];
        Options o = new Options(args, 1);
        String host = o.string("host", "127.0.0.1");
        List<InetSocketAddress> nodes = Arrays.stream(o.string("ports", o.string("port", "8080")).split(","))
                .map(port -> new InetSocketAddress(host, Integer.parseInt(port.trim()))).toList();
        String room = o.string("room", "bench");
        Recorder latency = new Recorder(3);
        Report report = new Report(scenario, o.string("server", "?"));
        SSLContext tls = Boolean.parseBoolean(o.string("tls", "false")) ? TrustAllTls.context() : null;
        if (tls != null && scenario.equals("slow")) {
            throw new IllegalArgumentException("--tls: the slow-consumer scenario is plain HTTP only");
        }
        try (SubscriberPool pool = new SubscriberPool(nodes, "/source?room=" + room, sources(o.integer("sources", 1)),
                latency, tls, o.integer("h2-streams", 0))) {
            switch (scenario) {
                case "fanout" -> new FanoutScenario(pool, new Publisher(nodes, room, 0, o.integer("publishers", 2), tls),
                        latency, serverCost(o), o).run(report.put("nodes", nodes.size()));
                case "burst" -> {
                    ProcessCost server = serverCost(o);
                    if (server == null) {
                        throw new IllegalArgumentException("burst: --pids is required");
                    }
                    new BurstScenario(pool, new Publisher(nodes, room, 0, 1, tls), server, o).run(report);
                }
                case "idle" -> new IdleScenario(pool, new Publisher(nodes, room, 0, 1, tls), probe(o), o).run(report);
                case "slow" -> new SlowConsumerScenario(pool, nodes.get(0), latency, probe(o), o).run(report);
                case "flood" -> new ChannelFloodScenario(nodes.get(0), probe(o), o).run(report);
                default -> throw new IllegalArgumentException("unknown scenario: " + scenario);
            }
        }
        System.exit(0);
    }

    /** The server's processes from {@code --pids 12,34}, or null when not given. */
    private static ProcessCost serverCost(Options o) {
        String pids = o.string("pids", "");
        return pids.isBlank() ? null
                : new ProcessCost(Arrays.stream(pids.split(",")).map(String::trim).map(Long::parseLong).toList());
    }

    private static ServerProbe probe(Options o) {
        String home = o.string("jdk", System.getProperty("java.home"));
        return new ServerProbe(o.required("pid"), Path.of(home, "bin"));
    }

    /** 127.0.0.1, 127.0.0.2, ...: each source address has its own range of ephemeral ports. */
    private static List<InetAddress> sources(int count) throws UnknownHostException {
        List<InetAddress> sources = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            sources.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i}));
        }
        return sources;
    }
}
