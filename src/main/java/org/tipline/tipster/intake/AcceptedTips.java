package org.tipline.tipster.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tipline.crypto.Bindings;

/**
 * {@code tipline_tips_accepted_total}: tips committed, by {@code channel}, {@code category} and
 * {@code form}. Every value comes from a closed set, never from the tipster's text: the channel
 * is the name of a channel the operator created (or the built-in keyless ones), the category one
 * of {@code TIPLINE_INTAKE_CATEGORIES}, which intake checks before anything else (a sealed
 * envelope carries it in clear for routing, checked the same way), and the form {@code plain}
 * (sealed by intake) or {@code sealed} (sealed by the front end).
 */
@ApplicationScoped
public class AcceptedTips {

    static final String NAME = "tipline.tips.accepted";

    /** Who sealed the tip to the office key. */
    enum Form {
        PLAIN("plain"),
        SEALED("sealed");

        final String label;

        Form(String label) {
            this.label = label;
        }

        static Form of(NewTip tip) {
            return tip.sealed().formatVersion() == Bindings.SEALED_TIP_FORMAT_VERSION ? SEALED : PLAIN;
        }
    }

    private final MeterRegistry registry;
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

    public AcceptedTips(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts a tip once its row is committed. */
    void count(NewTip tip) {
        counters.computeIfAbsent(new Key(tip.channel(), tip.category(), Form.of(tip)), key -> Counter.builder(NAME)
                .description("Tips committed, by channel, category and who sealed them")
                .tag("channel", key.channel())
                .tag("category", key.category())
                .tag("form", key.form().label)
                .register(registry)).increment();
    }

    private record Key(String channel, String category, Form form) {
    }
}
