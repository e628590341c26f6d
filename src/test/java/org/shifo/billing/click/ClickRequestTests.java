package org.shifo.billing.click;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signature and field rules of spec §5 and §8.4–8.5, with the spec's test vectors. */
class ClickRequestTests {

    static Map<String, String> prepare(String amount) {
        Map<String, String> form = new HashMap<>();
        form.put("click_trans_id", "2218956");
        form.put("service_id", "85335");
        form.put("click_paydoc_id", "1");
        form.put("merchant_trans_id", "INV-1001");
        form.put("amount", amount);
        form.put("action", "0");
        form.put("error", "0");
        form.put("error_note", "");
        form.put("sign_time", "2024-03-02 07:50:19");
        form.put("sign_string", "x");
        return form;
    }

    static ClickRequest parse(Map<String, String> form, int route) {
        ClickRequest request = ClickRequest.parse(form::get, route);
        assertThat(request).isNotNull();
        return request;
    }

    @Test
    void signaturesMatchTheSpecsVectors() {
        assertThat(parse(prepare("50000"), 0).signature("TestSecret123")).isEqualTo("c864069df33a28f89fc2f7a130128e4a");
        assertThat(parse(prepare("50000.00"), 0).signature("TestSecret123"))
                .isEqualTo("254cbcfb7e2736b87de73f399c6b63a9");
        Map<String, String> complete = prepare("50000");
        complete.put("action", "1");
        complete.put("merchant_prepare_id", "17");
        complete.put("sign_time", "2024-03-02 07:51:02");
        assertThat(parse(complete, 0).signature("TestSecret123")).isEqualTo("fe2e434a40d149285d48abb34e248342");
        complete.put("sign_string", "FE2E434A40D149285D48ABB34E248342");
        assertThat(parse(complete, 0).signedWith("TestSecret123")).isTrue();
        assertThat(parse(complete, 0).signedWith("TestSecret124")).isFalse();
    }

    @Test
    void missingOrMalformedFieldsAreNoRequest() {
        for (String field : new String[] {
            "click_trans_id",
            "service_id",
            "click_paydoc_id",
            "merchant_trans_id",
            "amount",
            "action",
            "error",
            "error_note",
            "sign_time",
            "sign_string"
        }) {
            Map<String, String> form = prepare("50000");
            form.remove(field);
            assertThat(ClickRequest.parse(form::get, 0)).as(field).isNull();
        }
        for (String field : new String[] {"click_trans_id", "service_id", "click_paydoc_id", "action", "error"}) {
            for (String bad : new String[] {"", "1.5", "abc", "99999999999999999999", " 1"}) {
                Map<String, String> form = prepare("50000");
                form.put(field, bad);
                assertThat(ClickRequest.parse(form::get, 0))
                        .as(field + "=" + bad)
                        .isNull();
            }
        }
        Map<String, String> complete = prepare("50000");
        complete.put("action", "1");
        assertThat(ClickRequest.parse(complete::get, 0)).isNull(); // no merchant_prepare_id
        complete.put("merchant_prepare_id", "x");
        assertThat(ClickRequest.parse(complete::get, 0)).isNull();
    }

    @Test
    void amountsAreSomWithAtMostTwoDecimals() {
        assertThat(parse(prepare("50000"), 0).amountTiyin()).isEqualTo(5_000_000L);
        assertThat(parse(prepare("50000.00"), 0).amountTiyin()).isEqualTo(5_000_000L);
        assertThat(parse(prepare("1000.5"), 0).amountTiyin()).isEqualTo(100_050L);
        assertThat(parse(prepare("49999.99"), 0).amountTiyin()).isEqualTo(4_999_999L);
        for (String bad :
                new String[] {"0", "0.00", "-5", "abc", "5E4", "50000.001", "", " 50000", "1e400", "99999999999999999"
                }) {
            assertThat(parse(prepare(bad), 0).amountTiyin()).as(bad).isEqualTo(-1);
        }
    }
}
