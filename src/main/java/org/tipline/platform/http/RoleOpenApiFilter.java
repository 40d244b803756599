package org.tipline.platform.http;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.smallrye.config.SmallRyeConfig;
import java.util.ArrayList;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.tipline.platform.config.ServiceRole;
import org.tipline.platform.config.TiplineConfig;

/**
 * The OpenAPI document shows only what this process serves: an intake process does not
 * advertise the review API, nor a review process the tipster API.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class RoleOpenApiFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        ServiceRole role = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(TiplineConfig.class).role();
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (String path : new ArrayList<>(openAPI.getPaths().getPathItems().keySet())) {
            if ((!role.servesIntake() && RoleGate.underAny(path, RoleGate.INTAKE_PATHS))
                    || (!role.servesReview() && RoleGate.underAny(path, RoleGate.REVIEW_PATHS))) {
                openAPI.getPaths().removePathItem(path);
            }
        }
    }
}
