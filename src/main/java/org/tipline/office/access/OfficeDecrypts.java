package org.tipline.office.access;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import org.tipline.office.staff.Caller;

/**
 * {@code tipline_office_decrypts_total}: what office staff decrypted to read, by {@code role} and
 * {@code record}. The role is the reading role that put the record in the caller's remit
 * ({@code coordinator}: every tip of their programs; {@code reviewer}: what is assigned to them
 * or their unit), the record what was opened ({@code tip}, {@code note}, {@code conversation}).
 * Both are closed sets; no tag names an account, a tip or a program. Each of these reads wrote
 * its audit entry first; the audit log says who read what, this only how much.
 */
@ApplicationScoped
public class OfficeDecrypts {

    static final String NAME = "tipline.office.decrypts";

    /** What a read decrypted. */
    public enum Record {
        TIP("tip"),
        NOTE("note"),
        CONVERSATION("conversation");

        private final String label;

        Record(String label) {
            this.label = label;
        }
    }

    private final Map<Record, Counter> coordinator = new EnumMap<>(Record.class);
    private final Map<Record, Counter> reviewer = new EnumMap<>(Record.class);

    public OfficeDecrypts(MeterRegistry registry) {
        for (Record record : Record.values()) {
            coordinator.put(record, counter(registry, "coordinator", record));
            reviewer.put(record, counter(registry, "reviewer", record));
        }
    }

    private static Counter counter(MeterRegistry registry, String role, Record record) {
        return Counter.builder(NAME)
                .description("Records the office decrypted to read, by the reading role that allowed it")
                .tag("role", role)
                .tag("record", record.label)
                .register(registry);
    }

    /** Counts {@code count} records of this kind that {@code caller} decrypted. */
    public void count(Caller caller, Record record, int count) {
        if (count > 0) {
            (new Remit(caller).coordinates() ? coordinator : reviewer).get(record).increment(count);
        }
    }
}
