package io.alipass.camel.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns an outcome document back into the update it carries, so a dead-lettered or failed update can
 * go through the alipass route template again from any endpoint: the body becomes the document's
 * {@code input}, {@value #REPLAY_OF} names the document (its file name, JMS message id, or content
 * hash), and {@link UpdateIdempotency#DELIVERY_ID} is the document's content hash, so a document
 * replayed twice reaches the gateway once when the template has an idempotent repository. The new
 * outcome document carries {@code replay_of}. For example, from a JMS dead-letter queue:
 * <pre>
 * from("jms:queue:pass-updates.dead-letter?transacted=true").process(new OutcomeReplay()).to("direct:pass-updates");
 * </pre>
 * where {@code direct:pass-updates} is the {@code sourceUri} of a template instance. A document with
 * no {@code input} text (its input was not readable) is refused with {@link NotReplayableException}:
 * there is nothing to resend, and nothing is guessed.
 */
public final class OutcomeReplay implements Processor {
    /** Header naming the outcome document a message replays; the new outcome document says it as {@code replay_of}. */
    public static final String REPLAY_OF = "CamelAlipassReplayOf";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void process(Exchange exchange) throws NotReplayableException {
        Message m = exchange.getMessage();
        byte[] document = m.getBody(byte[].class);
        String name = m.getHeader(Exchange.FILE_NAME, String.class);
        if (name == null) {
            name = m.getHeader("JMSMessageID", String.class);
        }
        String hash = hash(document == null ? new byte[0] : document);
        Replayable r = read(document, name == null ? hash : name);
        m.setBody(r.input());
        m.setHeader(REPLAY_OF, name == null ? hash : name);
        m.setHeader(UpdateIdempotency.DELIVERY_ID, "replay:" + hash);
    }

    /** The parts of an outcome document a replay needs. */
    public record Replayable(String input, String outcome, String subCode) {
    }

    /**
     * Reads an outcome document.
     *
     * @param name names the document in the exception's message
     * @throws NotReplayableException when it is not JSON, not an outcome document, or has no {@code input} text
     */
    public static Replayable read(byte[] document, String name) throws NotReplayableException {
        JsonNode doc;
        try {
            doc = document == null ? null : JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new NotReplayableException(name + ": not a JSON outcome document");
        } catch (java.io.IOException e) {
            throw new NotReplayableException(name + ": cannot be read");
        }
        if (doc == null || !doc.isObject() || !doc.path("outcome").isTextual()) {
            throw new NotReplayableException(name + ": not an outcome document (no \"outcome\" field)");
        }
        JsonNode input = doc.get("input");
        if (input == null || !input.isTextual() || input.asText().isBlank()) {
            throw new NotReplayableException(name + ": its \"input\" is missing (the input was not readable text), so there is nothing to resend");
        }
        return new Replayable(input.asText(), doc.path("outcome").asText(), doc.path("sub_code").asText(null));
    }

    /** Hex SHA-256 of a document: its identity wherever it is moved or copied. */
    public static String hash(byte[] document) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

}
