package org.tipline.crypto;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.security.GeneralSecurityException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tipline.testing.OfficeKeyForTests;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;

/** Every ciphertext is bound to its own row: moved to another tip, it no longer decrypts. */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class CiphertextBindingTests {

    private final TipRows rows;

    CiphertextBindingTests(AgroalDataSource dataSource) {
        this.rows = new TipRows(dataSource);
    }

    private String submit(String description) {
        return given().contentType("application/json")
                .body(Map.of("category", "violence", "description", description))
                .post("/api/v1/tips").then().statusCode(201).extract().path("reference");
    }

    @Test
    void ciphertextsSwappedBetweenTwoTipsFailToDecrypt() throws Exception {
        TipRows.TipRow first = rows.byReference(submit("first tip"));
        TipRows.TipRow second = rows.byReference(submit("second tip"));
        TipOpener opener = OfficeKeyForTests.opener();
        assertThat(opener.open(first.id(), first.formatVersion(), first.ciphertext())).isNotEmpty();

        rows.setCiphertext(first.id(), second.ciphertext());
        rows.setCiphertext(second.id(), first.ciphertext());
        TipRows.TipRow swappedFirst = rows.byReference(first.reference());
        TipRows.TipRow swappedSecond = rows.byReference(second.reference());

        assertThatThrownBy(() -> opener.open(swappedFirst.id(), swappedFirst.formatVersion(), swappedFirst.ciphertext()))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> opener.open(swappedSecond.id(), swappedSecond.formatVersion(), swappedSecond.ciphertext()))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aCiphertextReadAsAnotherFormatVersionFailsToDecrypt() {
        TipRows.TipRow row = rows.byReference(submit("versioned tip"));
        assertThatThrownBy(() -> OfficeKeyForTests.opener().open(row.id(), row.formatVersion() + 1, row.ciphertext()))
                .isInstanceOf(GeneralSecurityException.class);
    }
}
