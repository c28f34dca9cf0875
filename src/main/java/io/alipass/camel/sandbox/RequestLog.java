package io.alipass.camel.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last requests the sandbox received, oldest first, bounded so that a benchmark's millions of
 * calls do not fill the heap; the count of all requests is kept regardless.
 */
public final class RequestLog {
    private final int limit;
    private final Deque<ReceivedRequest> requests = new ArrayDeque<>();
    private final AtomicLong sequence = new AtomicLong();

    RequestLog(int limit) {
        this.limit = limit;
    }

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    synchronized void add(ReceivedRequest r) {
        if (limit == 0) {
            return;
        }
        if (requests.size() == limit) {
            requests.removeFirst();
        }
        requests.addLast(r);
    }

    /** The recorded requests, oldest first. */
    public synchronized List<ReceivedRequest> all() {
        return new ArrayList<>(requests);
    }

    /** The recorded requests for one API method, oldest first. */
    public synchronized List<ReceivedRequest> forMethod(String method) {
        return requests.stream().filter(r -> method.equals(r.method())).toList();
    }

    /** How many requests arrived since start, recorded or not. */
    public long total() {
        return sequence.get();
    }

    /** Forgets the recorded requests (the total keeps counting). */
    public synchronized void clear() {
        requests.clear();
    }
}
