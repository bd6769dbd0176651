package org.planesearch.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoefficientNamesTest {

    @Test
    void perLayerNamesKeepTheirLayerOnTheFirstStep() {
        CoefficientNames ps = new CoefficientNames(List.of("layer1", "layer2"), 1);
        assertEquals(List.of("layer1 learning rate", "layer1 momentum", "layer2 learning rate", "layer2 momentum"),
                ps.names(4));
        assertEquals(List.of("layer1 learning rate", "layer2 learning rate"), ps.names(2),
                "the first step has no previous step: one learning rate per layer");
    }

    @Test
    void globalRulesAndSubspaceMemory() {
        assertEquals(List.of("learning rate", "momentum"), new CoefficientNames(List.of(), 1).names(2));
        assertEquals(List.of("learning rate", "momentum1", "momentum2"), new CoefficientNames(List.of(), 2).names(3));
        assertEquals(List.of("learning rate"), new CoefficientNames(List.of(), 0).names(1));
    }

    @Test
    void inferReadsTheRuleBackFromTheStoredNames() {
        for (CoefficientNames rule : List.of(new CoefficientNames(List.of("layer1", "layer2"), 1),
                new CoefficientNames(List.of(), 1), new CoefficientNames(List.of(), 3),
                new CoefficientNames(List.of("weights", "intercept"), 0))) {
            int full = Math.max(1, rule.layers().size()) * (1 + rule.momentumColumns());
            assertEquals(rule, CoefficientNames.infer(rule.names(full)));
        }
        assertNull(CoefficientNames.infer(List.of()));
        assertNull(CoefficientNames.infer(List.of("alpha", "beta")));
        assertEquals(List.of("coefficient 1", "coefficient 2"), CoefficientNames.unnamed(2));
    }
}
