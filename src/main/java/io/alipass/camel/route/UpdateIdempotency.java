package io.alipass.camel.route;

import io.alipass.camel.component.PassCall;
import io.alipass.camel.pass.InstanceUpdate;
import io.alipass.camel.pass.PassUpdate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Keeps a redelivered instance update (a JMS message redelivered after a crash, a dropped file read
 * again after a crash, a replayed document replayed again) from reaching the gateway again once the
 * gateway has answered it, using the {@link IdempotentRepository} bean the template parameter
 * {@code idempotentRepository} names; a blank name turns this off.
 *
 * <p><b>The key</b> is a SHA-256 of the method, the {@code biz_content} and the <em>delivery</em>:
 * the {@value #DELIVERY_ID} header when set (replays set it to the replayed document's identity), else
 * the JMS message id, else the dropped file (path, modification time) and the record's place in it,
 * else, for HTTP, the request's {@code Idempotency-Key} header or the request itself. So a repeat of
 * the same delivery is skipped, while a new delivery is sent even when its content equals an earlier
 * one: A, B, then A again sends the third A, which sets the pass back (skipping it would leave the
 * pass at B). Skipping a repeated status alone would be harmless, but a {@code tpl_params} set back
 * is not, and the content cannot tell the two apart. A source with none of these (a {@code direct:}
 * endpoint fed by hand) falls back to the content alone.
 *
 * <p><b>When</b>: a key is stored only after a trustworthy answer (success or business failure) has
 * been delivered to its outcome endpoint, never before the call, so a crash in between can never
 * leave an update with no outcome; a dead-lettered update is not stored and can be resent. With a
 * repository that tracks claims ({@link UpdateClaims}, shared by several runners), the key is also
 * claimed just before the call: the same delivery on another runner waits for the claim to end and
 * is then reported {@value OutcomeDocument#DUPLICATE}. When the holder of a claim died mid-call
 * (the claim expired), whether Alipay applied the update is unknown: it is dead-lettered with
 * {@link UpdateInterruptedException} rather than sent twice, and can be replayed.
 */
public final class UpdateIdempotency {
    /** Header naming a delivery: messages with the same value are the same delivery (set it in your own source or replay). */
    public static final String DELIVERY_ID = "CamelAlipassDeliveryId";
    /** Exchange property holding the repository's bean name, from the template parameter. */
    static final String REPOSITORY = "AlipassIdempotentRepository";
    /** Exchange property holding the update's key once checked. */
    static final String KEY = "AlipassIdempotencyKey";
    /** Exchange property set to true when the update was already answered. */
    static final String DUPLICATE = "AlipassDuplicate";
    /** Exchange property set to true once the key was remembered as answered. */
    private static final String REMEMBERED = "AlipassIdempotencyRemembered";
    /** How often a runner looks again at a claim another live runner holds. */
    private static final Duration POLL = Duration.ofMillis(200);

    private UpdateIdempotency() {
    }

    /** The content-only key of an update: hex SHA-256 of {@code method}, a newline, and {@code biz_content}. */
    public static String key(PassUpdate update) {
        return key(update, null);
    }

    /** The key of an update in one delivery (null: the content alone identifies it). */
    public static String key(PassUpdate update, String deliveryId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(update.method().name().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(update.bizContent().getBytes(StandardCharsets.UTF_8));
            if (deliveryId != null) {
                sha.update((byte) '\n');
                sha.update(deliveryId.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    /** What names this exchange's delivery, or null when its source gives it no identity. */
    static String deliveryId(Exchange exchange) {
        var m = exchange.getMessage();
        String explicit = m.getHeader(DELIVERY_ID, String.class);
        if (explicit != null && !explicit.isBlank()) {
            return "id:" + explicit;
        }
        String jms = m.getHeader("JMSMessageID", String.class);
        if (jms != null) {
            return "jms:" + jms;
        }
        String file = m.getHeader(Exchange.FILE_PATH, String.class);
        if (file != null) {
            // The same file read again after a crash has the same path and time; a file dropped anew has a new time.
            return "file:" + file + "@" + m.getHeader(Exchange.FILE_LAST_MODIFIED, "", String.class)
                    + "#" + exchange.getProperty(Exchange.SPLIT_INDEX, "", String.class);
        }
        if (m.getHeader(Exchange.HTTP_METHOD) != null) {
            // An HTTP request is never redelivered by us; a client that retries says so with Idempotency-Key.
            String clientKey = m.getHeader("Idempotency-Key", String.class);
            return "http:" + (clientKey != null && !clientKey.isBlank() ? clientKey : "exchange:" + exchange.getExchangeId());
        }
        return null;
    }

    /**
     * Before the call: marks the exchange {@link #DUPLICATE} when its instance update was already
     * answered; with {@link UpdateClaims}, claims it (waiting while another live runner holds it).
     */
    static void check(Exchange exchange) throws InterruptedException {
        IdempotentRepository repository = repository(exchange);
        PassUpdate update = PassCall.find(exchange).map(PassCall::update).orElse(null);
        if (repository == null || !(update instanceof InstanceUpdate)) {
            return;
        }
        String key = key(update, deliveryId(exchange));
        exchange.setProperty(KEY, key);
        if (!(repository instanceof UpdateClaims claims)) {
            if (repository.contains(key)) {
                exchange.setProperty(DUPLICATE, true);
            }
            return;
        }
        // A live holder refreshes its claim, so it can hold the key through its retries; wait a few expiries at most.
        long deadline = System.nanoTime() + claims.claimExpiry().multipliedBy(4).toNanos();
        UpdateClaims.Claim claim;
        while ((claim = claims.claim(key)) == UpdateClaims.Claim.HELD) {
            if (System.nanoTime() > deadline) {
                throw new UpdateStillInFlightException("the same delivery is still in flight on another runner after "
                        + claims.claimExpiry().multipliedBy(4).toSeconds() + " s; not sent twice");
            }
            Thread.sleep(POLL.toMillis());
        }
        switch (claim) {
            case ANSWERED -> exchange.setProperty(DUPLICATE, true);
            case CLAIMED -> releaseUnlessAnswered(exchange, claims, key);
            case HOLDER_DIED -> {
                releaseUnlessAnswered(exchange, claims, key);
                throw new UpdateInterruptedException("a runner stopped while this update was at the gateway: "
                        + "Alipay may or may not have applied it, so it was not sent again; check the pass and replay it");
            }
            default -> throw new IllegalStateException("unexpected claim " + claim);
        }
    }

    /** A claim ends with the exchange: remembered when answered, else given up so the update can be resent. */
    private static void releaseUnlessAnswered(Exchange exchange, UpdateClaims claims, String key) {
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                if (!done.getProperty(REMEMBERED, false, Boolean.class)) {
                    claims.release(key);
                }
            }
        });
    }

    /** After a trustworthy answer has been delivered to its outcome endpoint: remembers the update. */
    static void remember(Exchange exchange) {
        String key = exchange.getProperty(KEY, String.class);
        IdempotentRepository repository = key == null ? null : repository(exchange);
        if (repository instanceof UpdateClaims claims) {
            claims.answered(key);
            exchange.setProperty(REMEMBERED, true);
        } else if (repository != null) {
            repository.add(key);
            repository.confirm(key);
            exchange.setProperty(REMEMBERED, true);
        }
    }

    static boolean isDuplicate(Exchange exchange) {
        return exchange.getProperty(DUPLICATE, false, Boolean.class);
    }

    /**
     * Checked when a template instance is created, so a misspelt bean name stops the route from being
     * built instead of dead-lettering every message.
     *
     * @throws IllegalArgumentException naming the template parameter when the bean does not exist
     */
    static void requireRepository(org.apache.camel.CamelContext context, String name) {
        String resolved = name == null ? "" : context.resolvePropertyPlaceholders(name).trim();
        if (!resolved.isEmpty() && context.getRegistry().lookupByNameAndType(resolved, IdempotentRepository.class) == null) {
            throw new IllegalArgumentException("template parameter idempotentRepository names no IdempotentRepository bean: " + resolved);
        }
    }

    private static IdempotentRepository repository(Exchange exchange) {
        String name = exchange.getProperty(REPOSITORY, String.class);
        if (name == null || name.isBlank()) {
            return null;
        }
        IdempotentRepository repository = exchange.getContext().getRegistry().lookupByNameAndType(name.trim(), IdempotentRepository.class);
        if (repository == null) {
            throw new IllegalStateException("template parameter idempotentRepository names no IdempotentRepository bean: " + name.trim());
        }
        ServiceHelper.startService(repository); // a bean bound by hand is not started; a file repository loads its store on start
        return repository;
    }
}
