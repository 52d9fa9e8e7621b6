package io.condenser.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PipelineSettingsTest {

    @Test
    void defaults() {
        PipelineSettings s = PipelineSettings.defaults();
        assertThat(s.unmatchedInput()).isEqualTo(PipelineSettings.UnmatchedInput.DROP);
        assertThat(s.maxParallelism()).isEqualTo(PipelineSettings.DEFAULT_MAX_PARALLELISM);
        assertThat(s.pendingRulesBuffer()).isEqualTo(PipelineSettings.DEFAULT_PENDING_RULES_BUFFER);
        assertThat(s.rulesGrace()).isEqualTo(PipelineSettings.DEFAULT_RULES_GRACE);
    }

    @Test
    void validationNamesFieldAndValue() {
        assertThatThrownBy(() -> PipelineSettings.builder().maxParallelism(0).build())
                .hasMessage("maxParallelism must be in 1..32768, got 0");
        assertThatThrownBy(() -> PipelineSettings.builder().pendingRulesBuffer(-1).build())
                .hasMessage("pendingRulesBuffer must be >= 0, got -1");
        assertThatThrownBy(() -> PipelineSettings.builder().unmatchedInput(null).build())
                .hasMessage("unmatchedInput must be set, got null");
        assertThatThrownBy(
                        () -> PipelineSettings.builder().rulesGrace(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("rulesGrace must be >= 0");
    }
}
