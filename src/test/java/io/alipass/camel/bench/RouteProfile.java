package io.alipass.camel.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * Runs only the CPU-bound route of figure 2, round after round, for profiling with JFR:
 * {@code java -XX:StartFlightRecording=settings=profile,filename=route.jfr -cp ... RouteProfile 20}
 * (the argument is how many rounds of 2,000 updates).
 */
public final class RouteProfile {
    private RouteProfile() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int consumers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        try (BenchGateway gateway = BenchGateway.start(1000);
             RouteLoad route = new RouteLoad(gateway, 200)) {
            for (int i = 0; i < rounds; i++) {
                double rate = route.run(2000, consumers, Duration.ofMinutes(3));
                System.out.printf(Locale.ROOT, "round %d: %.0f updates/s%n", i + 1, rate);
            }
        }
        System.exit(0);
    }
}
