/**
 * Small programs that use Scratchnet's core as a library, each readable top to bottom:
 * {@link dev.scratchnet.examples.XorExample} (the smallest problem a straight line cannot solve),
 * {@link dev.scratchnet.examples.SineRegressionExample} (regression with the quadratic cost),
 * {@link dev.scratchnet.examples.MnistExample} (handwritten digits),
 * {@link dev.scratchnet.examples.ReadmeExample} (the README's build, train, evaluate, save, load
 * and predict) and {@link dev.scratchnet.examples.CustomLayerExample} (a layer written outside the
 * library, {@link dev.scratchnet.examples.FeatureScale}, that trains, passes the gradient check,
 * and saves and loads). Each has a {@code run} method that returns its result, which the tests check, and
 * a {@code main} that prints it.
 *
 * <p>To run one from the repository root:
 * <pre>
 * ./mvnw -q -B package -pl examples -am -DskipTests
 * java -cp "examples/target/classes:examples/target/lib/*" dev.scratchnet.examples.XorExample
 * </pre>
 * ({@code MnistExample} takes the folder with the four MNIST files as its argument.)
 */
package dev.scratchnet.examples;
