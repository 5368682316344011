package io.callosum.examples.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps the README's commands honest without running long jobs: every {@code ./callosum …} line in its shell blocks
 * names a real subcommand and parses with picocli, every example program it runs exists with a main method, and
 * every subcommand is documented.
 */
class ReadmeCommandsTest {
    private static final Path README = Path.of("..", "README.md");

    /** The lines of the README's ```bash blocks, comments stripped. */
    private static List<String> shellLines() throws Exception {
        List<String> lines = new ArrayList<>();
        Matcher block = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(README));
        while (block.find()) {
            for (String line : block.group(1).split("\n")) {
                String code = line.replaceAll("\\s+#.*$", "").trim();
                if (!code.isEmpty()) lines.add(code);
            }
        }
        return lines;
    }

    @Test
    void everyCallosumCommandInTheReadmeParses() throws Exception {
        Set<String> commands = new CommandLine(new CallosumCli()).getSubcommands().keySet();
        int checked = 0;
        for (String line : shellLines()) {
            if (!line.startsWith("./callosum")) continue;
            String[] args = Arrays.copyOfRange(line.split("\\s+"), 1, line.split("\\s+").length);
            assertTrue(args.length > 0 && commands.contains(args[0]), "README runs an unknown command: " + line);
            try {
                new CommandLine(new CallosumCli()).parseArgs(args);
            } catch (CommandLine.ParameterException e) {
                fail("README command does not parse: " + line + "\n  " + e.getMessage());
            }
            checked++;
        }
        assertTrue(checked >= 10, "found only " + checked + " ./callosum commands in the README");
        assertTrue(shellLines().get(0).equals("./callosum demo"), "the README's first command runs the demo");
        assertTrue(shellLines().get(1).equals("mvn -q verify"), "the README's second command runs the tests");
    }

    @Test
    void everyExampleProgramTheReadmeRunsExists() throws Exception {
        int checked = 0;
        for (String line : shellLines()) {
            Matcher m = Pattern.compile("-cp \\S+ (io\\.callosum\\.[\\w.]+)").matcher(line);
            if (!line.startsWith("java ") || !m.find()) continue;
            Method main = Class.forName(m.group(1)).getMethod("main", String[].class);
            assertTrue(Modifier.isStatic(main.getModifiers()), m.group(1));
            checked++;
        }
        assertTrue(checked >= 2, "found only " + checked + " example programs run in the README");
    }

    @Test
    void everySubcommandIsDocumented() throws Exception {
        String readme = Files.readString(README);
        for (String c : new CommandLine(new CallosumCli()).getSubcommands().keySet()) {
            if (c.equals("help")) continue;
            assertTrue(readme.contains("| `" + c + "` |"), "the README's command table lacks " + c);
        }
        assertFalse(readme.contains("TODO"), "no TODOs in the README");
    }
}
