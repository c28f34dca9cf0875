package io.alipass.camel.sandbox;

import java.util.List;
import java.util.Objects;

/**
 * A template held by the sandbox.
 *
 * @param tplId      the id the sandbox gave it ({@code tpl_id})
 * @param uniqueId   the {@code unique_id} it was added with, or null when seeded from Java
 * @param content    the current {@code tpl_content}
 * @param tplParams  its {@code $variable$} names, in order of first appearance
 * @param revision   1 when added, one more for each update
 */
public record SandboxTemplate(String tplId, String uniqueId, String content, List<String> tplParams, int revision) {

    public SandboxTemplate {
        Objects.requireNonNull(tplId, "tplId");
        Objects.requireNonNull(content, "content");
        tplParams = List.copyOf(tplParams);
    }

    /** The template with new content. */
    SandboxTemplate updated(TemplateContent newContent) {
        return new SandboxTemplate(tplId, uniqueId, newContent.text(), newContent.variables(), revision + 1);
    }
}
