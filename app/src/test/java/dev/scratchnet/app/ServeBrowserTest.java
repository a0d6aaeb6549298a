package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scratchnet.io.SavedModel;
import dev.scratchnet.model.Evaluation;
import dev.scratchnet.testing.TestData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * The page in a real browser: headless Chromium, driven by Selenium through the system's
 * chromedriver. It draws a stroke with pointer events and checks that what the page shows is
 * exactly what {@code Network.predict} gives for the 28×28 input the page shows. A screenshot is
 * left in {@code target/serve-browser.png} for a person to look at.
 *
 * <p>Without Chromium the test is skipped on a developer's machine and fails under CI=true
 * ({@code .ci/run} installs it).
 */
class ServeBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Selenium looks for DevTools bindings of this exact Chromium version and warns when it has none; none are used. */
    static final Logger CDP_LOGGER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    @TempDir
    static Path dir;

    static SavedModel model;
    static TestDigits digits;
    DigitServer server;
    ChromeDriver browser;
    JavascriptExecutor js;

    @BeforeAll
    static void trainModel() throws IOException {
        requireBrowser();
        Path mnist = TestData.mnist();
        model = ServeFixtures.mnistModel(mnist, dir);
        digits = TestDigits.load(mnist, model.network(), model.normalization());
        CDP_LOGGER.setLevel(Level.OFF);
    }

    @BeforeEach
    void openThePage() throws IOException {
        server = ServeFixtures.start(model, digits);

        // An explicit driver and browser: Selenium Manager is never asked to find or download one.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile"), "--window-size=1240,1200",
                "--force-device-scale-factor=1", "--lang=en");
        browser = new ChromeDriver(service, options);
        js = browser;
        browser.get(server.uri().toString());
        waitUntil("the model and its weights are loaded", "return window.scratchnet.model !== null && window.scratchnet.weights !== null");
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aDrawnDigitIsAnsweredWithWhatNetworkPredictGivesForTheInputShown() throws IOException {
        try {
            WebElement pad = browser.findElement(By.id("pad"));
            drawSeven(pad);
            awaitSettledAnswer(1);

            // The 28×28 input, read back from the page twice: the server's answer and the pixels drawn on screen.
            double[] input = numbers(js.executeScript("return window.scratchnet.last.input"));
            double[] shown = numbers(js.executeScript("const c = document.getElementById('input').getContext('2d');"
                    + "return Array.from(c.getImageData(0, 0, 28, 28).data).filter((v, i) => i % 4 === 0);"));
            assertArrayEquals(input, shown, "the 28×28 picture on the page is the input the server used");
            assertTrue(java.util.Arrays.stream(input).filter(v -> v > 100).count() > 30, "the stroke left ink in the input");

            // The server prepared it exactly as `predict` prepares a picture file.
            String png = (String) js.executeScript("return document.getElementById('pad').toDataURL('image/png')");
            BufferedImage drawing = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png.substring(png.indexOf(',') + 1))));
            assertArrayEquals(java.util.Arrays.stream(DigitImage.preprocess(drawing, "pad")).asDoubleStream().toArray(), input);

            assertShownAnswerIs(ServeFixtures.expectedProbabilities(model, input));
            assertEquals(3, browser.findElements(By.cssSelector("#layers figure.layer")).size(), "three dense layers; dropout is skipped");

            // Hovering the most active unit of the first layer shows its 784 incoming weights.
            WebElement firstLayer = browser.findElement(By.cssSelector("#layers figure.layer canvas"));
            List<?> target = (List<?>) js.executeScript("const values = window.scratchnet.last.layers[0].values;"
                    + "const unit = values.indexOf(Math.max(...values));"
                    + "const g = document.querySelector('#layers figure.layer').grid;"
                    + "return [unit, (unit % g.cols + 0.5) * g.cell, (Math.floor(unit / g.cols) + 0.5) * g.cell];");
            long unit = (Long) target.get(0);
            new Actions(browser).moveToElement(firstLayer,
                    (int) (((Number) target.get(1)).doubleValue() - firstLayer.getSize().width / 2.0),
                    (int) (((Number) target.get(2)).doubleValue() - firstLayer.getSize().height / 2.0)).perform();
            waitUntil("the weights of the hovered unit are shown", "return !document.getElementById('weights-view').hidden");
            String caption = browser.findElement(By.id("weights-caption")).getText();
            assertTrue(caption.startsWith("Unit " + unit + " of layer 1 outputs "), caption);
            screenshot("serve-browser.png");

            browser.findElement(By.id("clear")).click();
            assertEquals("?", browser.findElement(By.id("prediction")).getText());
            assertEquals(0, browser.findElements(By.cssSelector("#layers figure.layer")).size());
            Number brightest = (Number) js.executeScript("const c = document.getElementById('pad').getContext('2d');"
                    + "return c.getImageData(0, 0, 280, 280).data.reduce((m, v, i) => i % 4 === 3 ? m : Math.max(m, v), 0);");
            assertEquals(0, brightest.intValue(), "the pad is black again");
        } catch (AssertionError | RuntimeException e) {
            screenshot("serve-browser-failure.png");
            throw e;
        }
    }

    @Test
    void testDigitButtonsLoadATestImageAndOneTheModelGetsWrong() throws IOException {
        try {
            browser.findElement(By.id("random")).click();
            awaitSettledAnswer(1);
            double[] input = numbers(js.executeScript("return window.scratchnet.last.input"));
            assertShownAnswerIs(ServeFixtures.expectedProbabilities(model, input));
            assertTrue(browser.findElement(By.id("sample")).getText().matches("Test image \\d+, labelled \\d by a person\\."),
                    browser.findElement(By.id("sample")).getText());

            browser.findElement(By.id("wrong")).click();
            awaitSettledAnswer(2);
            long label = (Long) js.executeScript("return window.scratchnet.sample.label");
            String predicted = browser.findElement(By.id("prediction")).getText();
            assertNotEquals(String.valueOf(label), predicted, "a misclassified digit is predicted wrongly");
            assertEquals("Wrong: the label is " + label + ", the network says " + predicted + ".",
                    browser.findElement(By.id("verdict")).getText());
            assertEquals(String.valueOf(label), browser.findElement(By.cssSelector("#bars li.truth .label")).getText());
            input = numbers(js.executeScript("return window.scratchnet.last.input"));
            assertShownAnswerIs(ServeFixtures.expectedProbabilities(model, input));
            screenshot("serve-browser-misclassified.png");
        } catch (AssertionError | RuntimeException e) {
            screenshot("serve-browser-failure.png");
            throw e;
        }
    }

    /** The big digit, the ten bars' values and their percentages all agree with Network.predict. */
    private void assertShownAnswerIs(float[] expected) {
        int best = Evaluation.argmax(expected, 0, expected.length);
        assertEquals(String.valueOf(best), browser.findElement(By.id("prediction")).getText());
        List<WebElement> bars = browser.findElements(By.cssSelector("#bars li"));
        assertEquals(10, bars.size());
        for (int digit = 0; digit < 10; digit++) {
            WebElement bar = bars.get(digit);
            float shown = Float.parseFloat(bar.getAttribute("data-probability"));
            assertEquals(expected[digit], shown, 1e-7, "probability of " + digit);
            String percent = bar.findElement(By.className("value")).getText();
            assertEquals(100.0 * expected[digit], Double.parseDouble(percent.replace("%", "")), 0.05 + 1e-9,
                    "shown percentage of " + digit);
            assertEquals(digit == best, bar.getAttribute("class").contains("predicted"), "highlight of " + digit);
        }
    }

    /** A "7": across the top, then down to the left, in short moves so the page sees many pointer events. */
    private void drawSeven(WebElement pad) {
        Actions actions = new Actions(browser).moveToElement(pad, -70, -85).clickAndHold();
        for (int i = 0; i < 10; i++) {
            actions.moveByOffset(15, 0);
        }
        for (int i = 0; i < 12; i++) {
            actions.moveByOffset(-7, 15);
        }
        actions.release().perform();
    }

    /** Waits for the n-th answer, and for the page to have nothing left to send. */
    private void awaitSettledAnswer(int n) {
        waitUntil("answer " + n, "const s = window.scratchnet; return s.predictions >= " + n
                + " && !s.inFlight && !s.dirty && !s.drawing");
        String error = browser.findElement(By.id("status")).getText();
        assertFalse(!error.isBlank(), "the page shows an error: " + error);
    }

    private void waitUntil(String what, String script) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Boolean.TRUE.equals(js.executeScript(script))) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what + "; the page says: " + browser.findElement(By.id("status")).getText());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting until " + what);
            }
        }
    }

    private void screenshot(String name) throws IOException {
        if (browser == null) {
            return;
        }
        Path target = Path.of(System.getProperty("basedir", "."), "target");
        Files.createDirectories(target);
        Path file = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static double[] numbers(Object list) {
        return ((List<?>) list).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    private static void requireBrowser() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing; .ci/run installs them with "
                    + "apt-get install -y chromium chromium-driver");
        }
        assumeTrue(present, "no " + CHROMIUM + " and " + CHROMEDRIVER + ": skipping the browser test "
                + "(apt-get install chromium chromium-driver)");
    }
}
