package io.alipass.camel.route;

import io.alipass.camel.component.PassCall;
import io.alipass.camel.pass.InstanceUpdate;
import io.alipass.camel.pass.PassUpdate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Keeps a redelivered instance update (a JMS message redelivered after a crash, a file dropped
 * twice) from reaching the gateway again once the gateway has answered it. The key is a SHA-256 of
 * the method and {@code biz_content}, stored in the {@link IdempotentRepository} bean the template
 * parameter {@code idempotentRepository} names (a {@code FileIdempotentRepository} survives
 * restarts); a blank name turns this off.
 *
 * <p>A key is stored only after a trustworthy answer (success or business failure) has been
 * delivered to its outcome endpoint, never before the call, so a crash in between can cause a
 * second call and a second outcome but never an update without one; a
 * dead-lettered update is not stored and can be resent. Because the key is the content, an update
 * identical to one already answered is reported as {@value OutcomeDocument#DUPLICATE} and not sent:
 * to set a pass back to an earlier value (A, B, then A again) use a repository whose entries expire,
 * or clear the key.
 */
public final class UpdateIdempotency {
    /** Exchange property holding the repository's bean name, from the template parameter. */
    static final String REPOSITORY = "AlipassIdempotentRepository";
    /** Exchange property holding the update's key once checked. */
    static final String KEY = "AlipassIdempotencyKey";
    /** Exchange property set to true when the update was already answered. */
    static final String DUPLICATE = "AlipassDuplicate";

    private UpdateIdempotency() {
    }

    /** The key of an update: hex SHA-256 of {@code method}, a newline, and {@code biz_content}. */
    public static String key(PassUpdate update) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(update.method().name().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            return HexFormat.of().formatHex(sha.digest(update.bizContent().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    /** Before the call: marks the exchange {@link #DUPLICATE} when its instance update was already answered. */
    static void check(Exchange exchange) {
        IdempotentRepository repository = repository(exchange);
        PassUpdate update = PassCall.find(exchange).map(PassCall::update).orElse(null);
        if (repository == null || !(update instanceof InstanceUpdate)) {
            return;
        }
        String key = key(update);
        exchange.setProperty(KEY, key);
        if (repository.contains(key)) {
            exchange.setProperty(DUPLICATE, true);
        }
    }

    /** After a trustworthy answer has been delivered to its outcome endpoint: remembers the update. */
    static void remember(Exchange exchange) {
        String key = exchange.getProperty(KEY, String.class);
        IdempotentRepository repository = key == null ? null : repository(exchange);
        if (repository != null) {
            repository.add(key);
            repository.confirm(key);
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
