package dev.scratchnet.layer;

import dev.scratchnet.tensor.Tensor;

/**
 * What a layer's weights look like from each output unit: row u of {@code weights} holds the
 * weights unit (or filter) u applies to its receptive field, read as {@code field}'s channels ×
 * height × width. Reports draw these as pictures without knowing the layer's class.
 *
 * @param field the shape of the part of the input one unit sees: the whole input for a dense layer,
 *              c × k × k for a convolution
 * @param weights units × field.size(), a copy
 */
public record UnitWeights(Shape field, Tensor weights) {
    /**
     * Checks that each row covers the field.
     *
     * @param field see the record description
     * @param weights see the record description
     */
    public UnitWeights {
        if (weights.cols() != field.size()) {
            throw new IllegalArgumentException("unit weights are " + weights.shape() + ", the field " + field
                    + " needs " + field.size() + " columns");
        }
    }

    /** @return the number of units (rows) */
    public int units() {
        return weights.rows();
    }
}
