package io.alipass.camel.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The sandbox's call quota, as Alipay limits each app: at most {@code perApp} calls per second per
 * app id, and optionally at most a given number per second for one API method. A call beyond it is
 * answered {@code 40005} ({@code isv.app-call-limited}, or {@code isv.method-call-limited} when the
 * method's own limit is hit), signed like any answer. Seconds are fixed windows; a refused call does
 * not use up the quota. Thread-safe.
 */
public final class CallQuota {
    private static final long SECOND = 1_000_000_000L;

    private final int perApp;
    private final Map<String, Integer> perMethod;
    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();

    /**
     * @param perApp    calls per second per app; 0 for no limit
     * @param perMethod calls per second for a method name (per app), e.g. {@code alipay.pass.instance.update=20}
     */
    CallQuota(int perApp, Map<String, Integer> perMethod, LongSupplier nanoTime) {
        this.perApp = perApp;
        this.perMethod = Map.copyOf(perMethod);
        this.nanoTime = nanoTime;
    }

    /** Whether any limit is set. */
    public boolean limited() {
        return perApp > 0 || !perMethod.isEmpty();
    }

    /** The refusal for a call of this app and method, or null when the quota lets it through (and counts it). */
    GatewayError admit(String appId, String method) {
        if (!limited() || appId == null) {
            return null;
        }
        long window = Math.floorDiv(nanoTime.getAsLong(), SECOND);
        Integer methodLimit = method == null ? null : perMethod.get(method);
        Window forMethod = methodLimit == null ? null : windows.computeIfAbsent(appId + ' ' + method, k -> new Window());
        Window forApp = perApp > 0 ? windows.computeIfAbsent(appId, k -> new Window()) : null;
        // Both windows are taken in a fixed order (method, then app) so that two calls cannot deadlock.
        if (forMethod != null) {
            synchronized (forMethod) {
                if (!forMethod.fits(window, methodLimit)) {
                    refused.incrementAndGet();
                    return GatewayError.METHOD_CALL_LIMITED;
                }
                if (forApp != null && !forApp.take(window, perApp)) {
                    refused.incrementAndGet();
                    return GatewayError.APP_CALL_LIMITED;
                }
                forMethod.take(window, methodLimit);
                return null;
            }
        }
        if (forApp != null && !forApp.take(window, perApp)) {
            refused.incrementAndGet();
            return GatewayError.APP_CALL_LIMITED;
        }
        return null;
    }

    /** How many calls were answered {@code 40005} since start. */
    public long refused() {
        return refused.get();
    }

    /** The calls per second each app may make; 0 for no limit. */
    public int perApp() {
        return perApp;
    }

    /** The per-method limits, calls per second per app. */
    public Map<String, Integer> perMethod() {
        return perMethod;
    }

    /** One key's count in the current one-second window. */
    private static final class Window {
        private long window = Long.MIN_VALUE;
        private int calls;

        synchronized boolean fits(long now, int limit) {
            return (now != window ? 0 : calls) < limit;
        }

        synchronized boolean take(long now, int limit) {
            if (now != window) {
                window = now;
                calls = 0;
            }
            if (calls >= limit) {
                return false;
            }
            calls++;
            return true;
        }
    }

    @Override
    public String toString() {
        return "CallQuota[" + (perApp > 0 ? perApp + "/s per app" : "no app limit") + (perMethod.isEmpty() ? "" : ", " + perMethod) + "]";
    }
}
