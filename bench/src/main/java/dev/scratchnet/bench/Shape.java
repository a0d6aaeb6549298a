package dev.scratchnet.bench;

/**
 * The sizes of a matrix product out (m × n) = a (m × k) · b (k × n), written {@code MxKxN}.
 *
 * @param m rows of a and out
 * @param k the shared dimension
 * @param n columns of b and out
 */
record Shape(int m, int k, int n) {

    /** @return the floating-point operations of one product: a multiply and an add per term */
    double flops() {
        return 2.0 * m * k * n;
    }

    @Override
    public String toString() {
        return m + "x" + k + "x" + n;
    }

    /**
     * @param text {@code MxKxN}, for example {@code 64x784x128}
     * @return the shape
     * @throws IllegalArgumentException if the text is not three positive integers joined by x
     */
    static Shape parse(String text) {
        String[] parts = text.trim().split("[x×]");
        if (parts.length == 3) {
            try {
                Shape s = new Shape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
                if (s.m > 0 && s.k > 0 && s.n > 0) {
                    return s;
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException("matrix shape '" + text + "' should be MxKxN with positive sizes, "
                + "for example 64x784x128");
    }
}
