package io.alipass.camel.sandbox;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The templates and passes the sandbox holds, shared by the HTTP APIs and Java callers: tests and
 * the runner seed them here and read them back after a run. Thread-safe; each update of one
 * template or pass is atomic, so concurrent updates are never lost.
 */
public final class SandboxState {
    private final Map<String, SandboxTemplate> templates = new ConcurrentHashMap<>();
    private final Map<String, String> templateIdsByUniqueId = new ConcurrentHashMap<>();
    private final Map<SandboxPass.Key, SandboxPass> passes = new ConcurrentHashMap<>();
    private final AtomicLong passIds = new AtomicLong();
    private final Set<String> forbiddenWords;

    SandboxState(Set<String> forbiddenWords) {
        this.forbiddenWords = Set.copyOf(forbiddenWords);
    }

    /**
     * Seeds a template with a chosen id, checked as {@code alipay.pass.template.add} checks it.
     *
     * @throws IllegalArgumentException with the {@code KP.AE_*} code when the content breaks a rule
     */
    public SandboxTemplate addTemplate(String tplId, String tplContent) {
        TemplateContent.Checked checked = TemplateContent.check(tplId, tplContent, forbiddenWords);
        if (checked.refusal() != null) {
            throw new IllegalArgumentException("template refused: " + checked.refusal().subCode());
        }
        SandboxTemplate t = new SandboxTemplate(tplId, null, tplContent, checked.content().variables(), 1);
        templates.put(tplId, t);
        return t;
    }

    /**
     * Seeds a pass issued from a template, in the {@link PassLifecycle#ISSUED} stage.
     *
     * @throws IllegalArgumentException when the template is unknown
     */
    public SandboxPass addPass(String tplId, String serialNumber, String channelId, Map<String, String> tplParams) {
        if (!templates.containsKey(tplId)) {
            throw new IllegalArgumentException("no template " + tplId);
        }
        SandboxPass p = new SandboxPass(serialNumber, channelId, nextPassId(), tplId, PassLifecycle.ISSUED, tplParams, null, null, 1);
        passes.put(p.key(), p);
        return p;
    }

    public Optional<SandboxTemplate> template(String tplId) {
        return tplId == null ? Optional.empty() : Optional.ofNullable(templates.get(tplId));
    }

    public Optional<SandboxPass> pass(String serialNumber, String channelId) {
        if (serialNumber == null || channelId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(passes.get(new SandboxPass.Key(serialNumber, channelId)));
    }

    /** Every template, by id. */
    public List<SandboxTemplate> templates() {
        return templates.values().stream().sorted(Comparator.comparing(SandboxTemplate::tplId)).toList();
    }

    /** Every pass, by pass id (the order they were issued in). */
    public List<SandboxPass> passes() {
        return passes.values().stream().sorted(Comparator.comparing((SandboxPass p) -> p.passId().length())
                .thenComparing(SandboxPass::passId)).toList();
    }

    /** Forgets every template and pass. */
    public void clear() {
        passes.clear();
        templates.clear();
        templateIdsByUniqueId.clear();
    }

    Set<String> forbiddenWords() {
        return forbiddenWords;
    }

    /** Adds a template for a {@code unique_id}, or returns the one already added with it (the add is idempotent). */
    SandboxTemplate addTemplateOnce(String uniqueId, TemplateContent content) {
        String tplId = templateIdsByUniqueId.computeIfAbsent(uniqueId, u -> {
            String id = UUID.randomUUID().toString().replace("-", "");
            templates.put(id, new SandboxTemplate(id, u, content.text(), content.variables(), 1));
            return id;
        });
        return templates.get(tplId);
    }

    /** Replaces a template atomically; returns the new one, or null when there is none. */
    SandboxTemplate updateTemplate(String tplId, UnaryOperator<SandboxTemplate> change) {
        return templates.computeIfPresent(tplId, (id, t) -> change.apply(t));
    }

    /** Stores a new pass unless one with its key exists; returns the pass now stored. */
    SandboxPass issue(SandboxPass.Key key, String tplId, Map<String, String> params) {
        return passes.computeIfAbsent(key, k -> new SandboxPass(k.serialNumber(), k.channelId(), nextPassId(), tplId,
                PassLifecycle.ISSUED, params, null, null, 1));
    }

    /**
     * Changes a pass atomically. The change returns the same instance to leave the pass as it is
     * (a refused update).
     */
    SandboxPass updatePass(SandboxPass.Key key, UnaryOperator<SandboxPass> change) {
        return passes.computeIfPresent(key, (k, p) -> change.apply(p));
    }

    private String nextPassId() {
        return Long.toString(2_026_000_000_000L + passIds.incrementAndGet());
    }
}
