package org.planesearch.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterLayoutTest {

    @Test
    void blocksTileTheVectorWithOffsetsInOrder() {
        ParameterLayout l = ParameterLayout.builder().add("w", true, 3, 2).add("b", false, 2).build();
        assertEquals(8, l.dimension());
        assertEquals(2, l.blockCount());
        assertEquals(0, l.block(0).offset());
        assertEquals(6, l.block(1).offset());
        assertEquals(1, l.indexOf("b"));
        assertEquals(-1, l.indexOf("c"));
        assertTrue(l.block(0).regularized());
        assertFalse(l.block(1).regularized());
    }

    @Test
    void blocksOutsideALayerAreLayersOfTheirOwn() {
        ParameterLayout l = ParameterLayout.builder().add("weights", true, 4).add("intercept", false, 1).build();
        assertEquals(2, l.layerCount());
        assertEquals(new ParameterLayout.Layer("weights", 0, 4, 0, 1), l.layer(0));
        assertEquals(new ParameterLayout.Layer("intercept", 4, 1, 1, 1), l.layer(1));
        assertEquals(l.layers(), ParameterLayout.of(l.blocks()).layers());
    }

    @Test
    void aNetworksLayerHoldsItsWeightsAndBias() {
        ParameterLayout l = ParameterLayout.builder()
                .layer("layer1").add("layer1.weights", true, 5, 3).add("layer1.bias", false, 3)
                .layer("layer2").add("layer2.weights", true, 3, 2).add("layer2.bias", false, 2)
                .build();
        assertEquals(4, l.blockCount());
        assertEquals(2, l.layerCount());
        ParameterLayout.Layer first = l.layer(0);
        assertEquals("layer1", first.name());
        assertEquals(0, first.offset());
        assertEquals(18, first.length());
        assertEquals(18, first.end());
        assertEquals(0, first.firstBlock());
        assertEquals(2, first.blockCount());
        ParameterLayout.Layer second = l.layer(1);
        assertEquals(18, second.offset());
        assertEquals(8, second.length());
        assertEquals(2, second.firstBlock());
        assertEquals(l.dimension(), second.end());
        // the same blocks without layers are a different layout
        assertNotEquals(ParameterLayout.of(l.blocks()), l);
        assertEquals(4, ParameterLayout.of(l.blocks()).layerCount());
    }

    @Test
    void layerNamesMustBeUniqueAndLayersContiguous() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParameterLayout.builder()
                .layer("a").add("x", true, 2).layer(null).add("y", true, 1).layer("a").add("z", true, 1).build());
        assertTrue(e.getMessage().contains("duplicate layer name 'a'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParameterLayout.builder().layer(" "));
        assertThrows(IllegalArgumentException.class, () -> ParameterLayout.of(List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> ParameterLayout.of(List.of(new Block("a", 0, 2, null, true), new Block("b", 3, 1, null, true))));
    }
}
