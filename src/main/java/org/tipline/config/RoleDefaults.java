package org.tipline.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import jakarta.annotation.Priority;
import java.util.Locale;

/**
 * Settings whose default depends on the role. An intake process, the internet-facing one,
 * reads and writes only through its own SQL, so its Hibernate persistence unit is
 * inactive: no session factory is built, and no entity can be loaded there. An explicit
 * {@code quarkus.hibernate-orm.active} still wins.
 */
@Priority(RoleDefaults.PRIORITY)
public class RoleDefaults implements ConfigSourceInterceptor {

    /** Runs before the interceptors that resolve profiles and expressions for the value it defaults. */
    static final int PRIORITY = 500;

    static final String HIBERNATE_ACTIVE = "quarkus.hibernate-orm.active";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value != null || !HIBERNATE_ACTIVE.equals(name)) {
            return value;
        }
        ConfigValue role = context.proceed("tipline.role");
        if (role == null || role.getValue() == null
                || !ServiceRole.INTAKE.label().equals(role.getValue().trim().toLowerCase(Locale.ROOT))) {
            return null;
        }
        return ConfigValue.builder().withName(name).withValue("false")
                .withConfigSourceName("tipline role defaults (intake)").build();
    }
}
