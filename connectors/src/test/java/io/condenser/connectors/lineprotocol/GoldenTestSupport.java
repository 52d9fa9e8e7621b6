package io.condenser.connectors.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.parse.Rejection;

final class GoldenTestSupport {

    private GoldenTestSupport() {}

    /** Every rejection names the bad part for humans and shows the line. */
    static void hasDetailAndExcerpt(Rejection r) {
        assertThat(r.detail()).isNotBlank();
        assertThat(r.reason()).matches("[a-z_]+");
        assertThat(r.lineNumber()).isPositive();
    }
}
