package org.tipline.platform.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Settings whose default depends on the role. An intake process, the internet-facing one,
 * reads and writes only through its own SQL, so its Hibernate persistence unit is
 * inactive: no session factory is built, and no entity can be loaded there. An explicit
 * {@code quarkus.hibernate-orm.active} still wins. With the default priority of an
 * application's interceptor, it runs outside SmallRye's own, so the role it reads has its
 * profile and expressions already resolved.
 */
public class RoleDefaults implements ConfigSourceInterceptor {

    static final String HIBERNATE_ACTIVE = "quarkus.hibernate-orm.active";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value != null || !HIBERNATE_ACTIVE.equals(name)) {
            return value;
        }
        ConfigValue role = context.proceed("tipline.role");
        if (role == null || role.getValue() == null || ServiceRole.fromLabel(role.getValue()) != ServiceRole.INTAKE) {
            return null;
        }
        return ConfigValue.builder().withName(name).withValue("false")
                .withConfigSourceName("tipline role defaults (intake)").build();
    }
}
