package dev.scratchnet.backend;

import dev.scratchnet.tensor.Tensor;

/**
 * The argument checks every {@link Backend} makes before it runs a kernel, shared so that all
 * backends fail the same way with the same message. Public for backends in other modules.
 */
public final class ShapeChecks {
    private ShapeChecks() {
    }

    /**
     * Checks out = a · b: a (m × k), b (k × n), out (m × n), out distinct from a and b.
     *
     * @param op the kernel name for the message
     * @param a left factor
     * @param b right factor
     * @param out product
     */
    public static void matmul(String op, Tensor a, Tensor b, Tensor out) {
        if (a.cols() != b.rows() || out.rows() != a.rows() || out.cols() != b.cols()) {
            throw mismatch(op, a, b, out);
        }
        noAlias(op, a, b, out);
    }

    /**
     * Checks out = aᵀ · b: a (k × m), b (k × n), out (m × n).
     *
     * @param op the kernel name for the message
     * @param a left factor, used transposed
     * @param b right factor
     * @param out product
     */
    public static void matmulTransposeA(String op, Tensor a, Tensor b, Tensor out) {
        if (a.rows() != b.rows() || out.rows() != a.cols() || out.cols() != b.cols()) {
            throw mismatch(op, a, b, out);
        }
        noAlias(op, a, b, out);
    }

    /**
     * Checks out = a · bᵀ: a (m × k), b (n × k), out (m × n).
     *
     * @param op the kernel name for the message
     * @param a left factor
     * @param b right factor, used transposed
     * @param out product
     */
    public static void matmulTransposeB(String op, Tensor a, Tensor b, Tensor out) {
        if (a.cols() != b.cols() || out.rows() != a.rows() || out.cols() != b.rows()) {
            throw mismatch(op, a, b, out);
        }
        noAlias(op, a, b, out);
    }

    /**
     * Checks that two tensors have the same shape. (Fixed arities rather than varargs: a varargs
     * call allocates an array, and these checks run in every kernel of every training step.)
     *
     * @param op the kernel name for the message
     * @param a first tensor
     * @param b second tensor
     */
    public static void sameShape(String op, Tensor a, Tensor b) {
        if (!a.sameShape(b)) {
            throw new IllegalArgumentException(op + ": shapes differ: " + a.shape() + ", " + b.shape());
        }
    }

    /**
     * Checks that three tensors have the same shape.
     *
     * @param op the kernel name for the message
     * @param a first tensor
     * @param b second tensor
     * @param c third tensor
     */
    public static void sameShape(String op, Tensor a, Tensor b, Tensor c) {
        if (!a.sameShape(b) || !a.sameShape(c)) {
            throw new IllegalArgumentException(op + ": shapes differ: " + a.shape() + ", " + b.shape() + ", " + c.shape());
        }
    }

    /**
     * Checks that four tensors have the same shape.
     *
     * @param op the kernel name for the message
     * @param a first tensor
     * @param b second tensor
     * @param c third tensor
     * @param d fourth tensor
     */
    public static void sameShape(String op, Tensor a, Tensor b, Tensor c, Tensor d) {
        if (!a.sameShape(b) || !a.sameShape(c) || !a.sameShape(d)) {
            throw new IllegalArgumentException(op + ": shapes differ: " + a.shape() + ", " + b.shape() + ", "
                    + c.shape() + ", " + d.shape());
        }
    }

    /**
     * Checks that row is (1 × a.cols()), a row vector to combine with each row of a.
     *
     * @param op the kernel name for the message
     * @param a the matrix
     * @param row the row vector
     */
    public static void rowVector(String op, Tensor a, Tensor row) {
        if (row.rows() != 1 || row.cols() != a.cols()) {
            throw new IllegalArgumentException(op + ": matrix is " + a.shape() + ", row vector is "
                    + row.shape() + " (expected 1×" + a.cols() + ")");
        }
    }

    /**
     * Checks im2col / col2im: image (m × c·h·w), columns (c·k·k × m·P), distinct arrays.
     *
     * @param op the kernel name for the message
     * @param g the geometry
     * @param image the image batch
     * @param columns the column matrix
     */
    public static void im2col(String op, ConvGeometry g, Tensor image, Tensor columns) {
        if (image.cols() != g.inputSize() || columns.rows() != g.patchSize()
                || (long) columns.cols() != (long) image.rows() * g.positions()) {
            throw new IllegalArgumentException(op + ": for " + g + " the image must be m×" + g.inputSize()
                    + " and the columns " + g.patchSize() + "×(m·" + g.positions() + "); image is " + image.shape()
                    + ", columns are " + columns.shape());
        }
        if (image.data() == columns.data()) {
            throw new IllegalArgumentException(op + ": image and columns must be different tensors");
        }
    }

    /**
     * Checks a move between channel rows (c × m·P) and example rows (m × c·P), and the per-channel vector (1 × c).
     *
     * @param op the kernel name for the message
     * @param channels the channel-row tensor
     * @param examples the example-row tensor
     * @param perChannel the bias or channel sums
     */
    public static void channels(String op, Tensor channels, Tensor examples, Tensor perChannel) {
        int c = channels.rows(), m = examples.rows();
        if (channels.cols() % m != 0 || (long) examples.cols() * m != (long) channels.cols() * c
                || perChannel.rows() != 1 || perChannel.cols() != c) {
            throw new IllegalArgumentException(op + ": channel rows are " + channels.shape() + ", example rows are "
                    + examples.shape() + ", per-channel vector is " + perChannel.shape()
                    + " (expected c×(m·P), m×(c·P) and 1×c)");
        }
        if (channels.data() == examples.data()) {
            throw new IllegalArgumentException(op + ": channel rows and example rows must be different tensors");
        }
    }

    /**
     * Checks a direct convolution's operands: x (m × c·h·w), W (F × c·k·k), b (1 × F) and y or δ
     * (m × F·oh·ow), with y not aliasing x.
     *
     * @param op the kernel's name, for the message
     * @param g the geometry
     * @param input x
     * @param weights W, or ∂L/∂W
     * @param bias b, or ∂L/∂b
     * @param output y, or δ
     * @throws IllegalArgumentException naming the shapes when they do not fit
     */
    public static void convolution(String op, ConvGeometry g, Tensor input, Tensor weights, Tensor bias, Tensor output) {
        int filters = weights.rows();
        if (input.cols() != g.inputSize() || weights.cols() != g.patchSize() || bias.rows() != 1
                || bias.cols() != filters || output.rows() != input.rows()
                || (long) output.cols() != (long) filters * g.positions()) {
            throw new IllegalArgumentException(op + ": for " + g + " the input must be m×" + g.inputSize()
                    + ", the weights F×" + g.patchSize() + ", the bias 1×F and the output m×(F·" + g.positions()
                    + "); input is " + input.shape() + ", weights " + weights.shape() + ", bias " + bias.shape()
                    + ", output " + output.shape());
        }
        if (input.data() == output.data()) {
            throw new IllegalArgumentException(op + ": input and output must be different tensors");
        }
    }

    /**
     * Checks max-pooling: input (m × c·h·w), output (m × c·P), argmax holding at least m·c·P indices.
     *
     * @param op the kernel name for the message
     * @param g the geometry
     * @param input the input batch (or its gradient)
     * @param output the pooled batch (or its gradient)
     * @param argmax the winners' indices
     */
    public static void maxPool(String op, ConvGeometry g, Tensor input, Tensor output, int[] argmax) {
        int pooled = g.channels() * g.positions();
        if (input.cols() != g.inputSize() || output.cols() != pooled || input.rows() != output.rows()
                || (long) argmax.length < (long) output.rows() * pooled) {
            throw new IllegalArgumentException(op + ": for " + g + " the input must be m×" + g.inputSize()
                    + ", the output m×" + pooled + " and argmax at least m·" + pooled + " long; input is "
                    + input.shape() + ", output is " + output.shape() + ", argmax has " + argmax.length);
        }
        if (input.data() == output.data()) {
            throw new IllegalArgumentException(op + ": input and output must be different tensors");
        }
    }

    private static void noAlias(String op, Tensor a, Tensor b, Tensor out) {
        if (out == a || out == b || out.data() == a.data() || out.data() == b.data()) {
            throw new IllegalArgumentException(op + ": out must not be the same tensor as an input");
        }
    }

    private static IllegalArgumentException mismatch(String op, Tensor a, Tensor b, Tensor out) {
        return new IllegalArgumentException(
                op + ": a is " + a.shape() + ", b is " + b.shape() + ", out is " + out.shape());
    }
}
