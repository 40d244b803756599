package org.tipline.tipster.page;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.tipline.tipster.intake.TipReceipt;

/**
 * The tipster's page (docs/page.md): the tip form at {@code /} ({@link PageRoot} hands that
 * path to {@code /page}: a resource class at {@code /} would answer an OPTIONS request for any
 * path at all), its submission without JavaScript at {@code /page/tip} (the page's script
 * posts JSON to {@code /api/v1/tips} instead), and the screen to check for replies at
 * {@code /page/replies}. The language is the {@code lang} parameter of the link or of the
 * form, never a request header. HTML for people, not API: kept out of the OpenAPI document.
 */
@Path("/page")
@Produces(MediaType.TEXT_HTML)
public class PageResource {

    private static final List<PageLanguage> LANGUAGES = List.of(PageLanguage.values());

    private final PageService page;

    public PageResource(PageService page) {
        this.page = page;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(PageLanguage lang, List<PageLanguage> languages, List<String> categories,
                TipForm form, Errors errors);

        static native TemplateInstance receipt(PageLanguage lang, List<PageLanguage> languages, TipReceipt receipt);

        static native TemplateInstance replies(PageLanguage lang, List<PageLanguage> languages);
    }

    /** What the form must say is wrong, one flag per text of {@link PageMessages}. */
    public record Errors(boolean category, boolean description, boolean location, boolean date, boolean quota,
            boolean formOff, boolean busy) {

        static final Errors NONE = of(Set.of());

        static Errors of(Set<PageService.FormError> errors) {
            return new Errors(errors.contains(PageService.FormError.CATEGORY),
                    errors.contains(PageService.FormError.DESCRIPTION), errors.contains(PageService.FormError.LOCATION),
                    errors.contains(PageService.FormError.DATE), errors.contains(PageService.FormError.QUOTA),
                    errors.contains(PageService.FormError.FORM_OFF), errors.contains(PageService.FormError.BUSY));
        }

        public boolean any() {
            return category || description || location || date || quota || formOff || busy;
        }
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance form(@RestQuery String lang) {
        PageLanguage language = PageLanguage.of(lang);
        return Templates.form(language, LANGUAGES, page.categories(), TipForm.empty(), Errors.NONE)
                .setLocale(language.locale());
    }

    @POST
    @Path("tip")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> submit(@RestForm String lang, @RestForm String category, @RestForm String description,
            @RestForm String location, @RestForm String date, @RestForm String time) {
        PageLanguage language = PageLanguage.of(lang);
        TipForm form = new TipForm(category, description, location, date, time);
        return page.submit(form, language).map(outcome -> {
            TemplateInstance view = outcome.receipt() != null
                    ? Templates.receipt(language, LANGUAGES, outcome.receipt())
                    : Templates.form(language, LANGUAGES, page.categories(), form,
                            Errors.of(outcome.errors()));
            return Response.status(outcome.status()).entity(view.setLocale(language.locale())).build();
        });
    }

    @GET
    @Path("replies")
    @Operation(hidden = true)
    public TemplateInstance replies(@RestQuery String lang) {
        PageLanguage language = PageLanguage.of(lang);
        return Templates.replies(language, LANGUAGES).setLocale(language.locale());
    }
}
