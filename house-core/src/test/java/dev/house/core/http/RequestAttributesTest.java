package dev.house.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestAttributesTest {

    private static Request request() {
        return Request.builder(HttpMethod.GET, "/").build();
    }

    @Test
    void anAttributeNeverSetIsNull() {
        assertThat(request().attribute("user")).isNull();
    }

    @Test
    void settingANameAgainReplacesItsValue() {
        Request r = request();
        r.attribute("user", "ann");
        r.attribute("role", "admin");
        r.attribute("user", "bob");
        assertThat(r.attribute("user")).isEqualTo("bob");
        assertThat(r.attribute("role")).isEqualTo("admin");
    }

    @Test
    void namesAreComparedByValueNotIdentity() {
        Request r = request();
        r.attribute(new String("user"), "ann");
        assertThat(r.attribute(new String("user"))).isEqualTo("ann");
    }

    @Test
    void manyAttributesKeepEveryValueAndStillReplace() {
        Request r = request();
        for (int i = 0; i < 40; i++) {
            r.attribute("a" + i, i);
        }
        r.attribute("a3", "three");
        r.attribute("a33", "thirty-three");
        for (int i = 0; i < 40; i++) {
            assertThat(r.attribute("a" + i)).isEqualTo(i == 3 ? "three" : i == 33 ? "thirty-three" : i);
        }
        assertThat(r.attribute("a40")).isNull();
    }
}
