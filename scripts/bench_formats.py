"""The report readers measured one format at a time, for scripts/bench.

Writes one report per supported format, each holding the same tests (the same titles, outcomes,
failure messages, stack traces and captured output), shaped as its tool writes it; times
`finishline check --dry-run` over each file beside a Python reader of that format (json.load,
ElementTree.iterparse) over the same file, and prints bytes per CPU second for both and each
reader's speed per byte relative to the JUnit reader's.
"""
import json, os, random, subprocess, sys

# Tests per file by --size; a file is about 1.5 KB per test in the XML formats.
TESTS = {"small": 1500, "medium": 12000, "large": 35000}
FORMATS = ["junit", "playwright", "ctrf", "mocha-json", "trx", "nunit", "xunit"]


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class Suite:
    """The tests every file reports: specs of classes of tests, one in twelve failing."""

    def __init__(self, count, seed):
        rng = random.Random(seed)
        self.tests = []
        for index in range(count):
            spec, cls = index // 40, index // 10
            failed = rng.random() < 1 / 12
            message = f"expected {rng.randint(1, 99)} items in #cart but found {rng.randint(1, 99)}" if failed else None
            stack = "\n".join(f"    at Object.step{n} (/srv/shop/tests/spec-{spec}.test.js:{n * 3}:{n % 17})"
                              for n in range(1, 14)) if failed else None
            output = "".join(f"[{index}] visiting /cart, clicking #add ({n})\n" for n in range(rng.randint(2, 12)))
            self.tests.append({"spec": f"spec-{spec}.test.js", "class": f"Shop.Tests.Class{cls}",
                               "title": f"handles case {index} of the cart", "failed": failed,
                               "ms": rng.randint(5, 4000), "message": message, "stack": stack, "output": output})

    def counts(self):
        failed = sum(test["failed"] for test in self.tests)
        return {"passed": len(self.tests) - failed, "failed": failed}

    def by(self, key):
        groups = {}
        for test in self.tests:
            groups.setdefault(test[key], []).append(test)
        return groups.items()


def junit(suite):
    lines = [f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="jest tests" tests="{len(suite.tests)}" time="41.9">']
    for spec, tests in suite.by("spec"):
        lines.append(f'  <testsuite name="{spec}" timestamp="2026-12-03T09:00:00" tests="{len(tests)}" time="9.5">')
        for test in tests:
            lines.append(f'    <testcase classname="{esc(test["class"])}" name="{esc(test["title"])}" '
                         f'time="{test["ms"] / 1000}">')
            if test["failed"]:
                lines.append(f'      <failure message="{esc(test["message"])}" type="AssertionError">'
                             f'{esc(test["message"] + chr(10) + test["stack"])}</failure>')
            lines.append(f'      <system-out>{esc(test["output"])}</system-out>\n    </testcase>')
        lines.append("  </testsuite>")
    return "\n".join(lines + ["</testsuites>\n"])


def playwright(suite):
    def result(test):
        value = {"workerIndex": 0, "status": "failed" if test["failed"] else "passed", "duration": test["ms"],
                 "errors": [], "stdout": [{"text": test["output"]}], "stderr": [], "retry": 0,
                 "startTime": "2026-12-03T09:00:00.000Z", "attachments": []}
        if test["failed"]:
            value["error"] = {"message": "Error: " + test["message"], "stack": test["stack"]}
            value["errors"] = [{"message": "Error: " + test["message"]}]
        return value
    suites = [{"title": spec, "file": spec, "line": 0, "column": 0, "specs": [
        {"title": test["title"], "ok": not test["failed"], "tags": [], "id": str(index), "file": spec, "line": 3,
         "column": 5, "tests": [{"timeout": 30000, "annotations": [], "expectedStatus": "passed",
                                 "projectId": "chromium", "projectName": "chromium", "results": [result(test)],
                                 "status": "unexpected" if test["failed"] else "expected"}]}
        for index, test in enumerate(tests)]} for spec, tests in suite.by("spec")]
    return json.dumps({"config": {"version": "1.49.1", "projects": [{"name": "chromium"}]}, "suites": suites,
                       "errors": [], "stats": {"startTime": "2026-12-03T09:00:00.000Z", "duration": 41900}}, indent=2)


def ctrf(suite):
    tests = [{"name": test["title"], "status": "failed" if test["failed"] else "passed", "duration": test["ms"],
              "filePath": test["spec"], "suite": [test["spec"], test["class"]], "retries": 0, "flaky": False,
              "stdout": test["output"].splitlines(),
              **({"message": test["message"], "trace": test["stack"]} if test["failed"] else {})}
             for test in suite.tests]
    return json.dumps({"reportFormat": "CTRF", "specVersion": "0.0.0", "results": {
        "tool": {"name": "jest"}, "summary": {"tests": len(tests), "start": 1764752400000, "stop": 1764752441900},
        "tests": tests}}, indent=2)


def mocha_json(suite):
    def clean(test):
        err = {"message": test["message"], "stack": "AssertionError: " + test["message"] + "\n" + test["stack"]} \
            if test["failed"] else {}
        return {"title": test["title"], "fullTitle": f'{test["class"]} {test["title"]}', "file": test["spec"],
                "duration": test["ms"], "currentRetry": 0, "speed": "fast", "err": err}
    tests = [clean(test) for test in suite.tests]
    failures = [entry for entry in tests if entry["err"]]
    return json.dumps({"stats": {"tests": len(tests), "start": "2026-12-03T09:00:00.000Z",
                                 "end": "2026-12-03T09:00:41.900Z", "duration": 41900},
                       "tests": tests, "pending": [], "failures": failures,
                       "passes": [entry for entry in tests if not entry["err"]]}, indent=2)


def trx(suite):
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<TestRun id="1" name="bench" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">',
             '  <Times start="2026-12-03T09:00:00.0000000+00:00" finish="2026-12-03T09:00:41.9000000+00:00" />',
             "  <Results>"]
    for index, test in enumerate(suite.tests):
        outcome = "Failed" if test["failed"] else "Passed"
        lines.append(f'    <UnitTestResult executionId="e{index}" testId="t{index}" testName="{esc(test["title"])}" '
                     f'computerName="build-07" duration="00:00:0{test["ms"] // 1000}.{test["ms"] % 1000:03d}0000" '
                     f'outcome="{outcome}" testListId="l">\n      <Output>\n        <StdOut>{esc(test["output"])}</StdOut>')
        if test["failed"]:
            lines.append(f'        <ErrorInfo>\n          <Message>{esc(test["message"])}</Message>\n'
                         f'          <StackTrace>{esc(test["stack"])}</StackTrace>\n        </ErrorInfo>')
        lines.append("      </Output>\n    </UnitTestResult>")
    lines.append("  </Results>\n  <TestDefinitions>")
    for index, test in enumerate(suite.tests):
        lines.append(f'    <UnitTest name="{esc(test["title"])}" storage="/srv/shop/Shop.Tests.dll" id="t{index}">'
                     f'<Execution id="e{index}" /><TestMethod codeBase="/srv/shop/Shop.Tests.dll" '
                     f'className="{test["class"]}" name="{esc(test["title"])}" /></UnitTest>')
    return "\n".join(lines + ["  </TestDefinitions>", "</TestRun>\n"])


def nunit(suite):
    lines = ['<?xml version="1.0" encoding="utf-8" standalone="no"?>',
             f'<test-run id="0" total="{len(suite.tests)}" result="Failed" duration="41.9" '
             'start-time="2026-12-03 09:00:00Z" end-time="2026-12-03 09:00:41Z">',
             '  <test-suite type="Assembly" name="Shop.Tests.dll" fullname="/srv/shop/Shop.Tests.dll" result="Failed">']
    for cls, tests in suite.by("class"):
        lines.append(f'    <test-suite type="TestFixture" name="{cls.split(".")[-1]}" fullname="{cls}" classname="{cls}">')
        for test in tests:
            result = "Failed" if test["failed"] else "Passed"
            lines.append(f'      <test-case name="{esc(test["title"])}" fullname="{cls}.{esc(test["title"])}" '
                         f'classname="{cls}" result="{result}" duration="{test["ms"] / 1000}">')
            if test["failed"]:
                lines.append(f'        <failure>\n          <message><![CDATA[{test["message"]}]]></message>\n'
                             f'          <stack-trace><![CDATA[{test["stack"]}]]></stack-trace>\n        </failure>')
            lines.append(f'        <output><![CDATA[{test["output"]}]]></output>\n      </test-case>')
        lines.append("    </test-suite>")
    return "\n".join(lines + ["  </test-suite>", "</test-run>\n"])


def xunit(suite):
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<assemblies start-rtf="2026-12-03T09:00:00.0000000+00:00" finish-rtf="2026-12-03T09:00:41.9000000+00:00">',
             f'  <assembly name="/srv/shop/Shop.Tests.dll" total="{len(suite.tests)}" time="41.9">']
    for cls, tests in suite.by("class"):
        lines.append(f'    <collection name="Test collection for {cls}" total="{len(tests)}">')
        for test in tests:
            result = "Fail" if test["failed"] else "Pass"
            lines.append(f'      <test name="{cls}.{esc(test["title"])}" type="{cls}" method="M" '
                         f'time="{test["ms"] / 1000}" result="{result}">\n'
                         f'        <output><![CDATA[{test["output"]}]]></output>')
            if test["failed"]:
                lines.append(f'        <failure exception-type="Xunit.Sdk.EqualException">\n'
                             f'          <message><![CDATA[{test["message"]}]]></message>\n'
                             f'          <stack-trace><![CDATA[{test["stack"]}]]></stack-trace>\n        </failure>')
            lines.append("      </test>")
        lines.append("    </collection>")
    return "\n".join(lines + ["  </assembly>", "</assemblies>\n"])


WRITERS = {"junit": (junit, "xml"), "playwright": (playwright, "json"), "ctrf": (ctrf, "json"),
           "mocha-json": (mocha_json, "json"), "trx": (trx, "trx"), "nunit": (nunit, "xml"), "xunit": (xunit, "xml")}

# A Python reader per format: the standard library's parsers, counting what the tool counts.
REFERENCE = r"""
import json, sys, xml.etree.ElementTree as ET
format, path = sys.argv[1], sys.argv[2]
passed = failed = 0
def xml(tag, attribute, good, bad):
    global passed, failed
    for event, element in ET.iterparse(path):
        if element.tag.rsplit("}", 1)[-1] == tag:
            value = element.get(attribute)
            passed += value == good; failed += value == bad
            element.clear()
if format == "junit":
    for event, element in ET.iterparse(path):
        if element.tag == "testcase":
            bad = element.find("failure") is not None or element.find("error") is not None
            failed += bad; passed += not bad
            element.clear()
elif format == "trx": xml("UnitTestResult", "outcome", "Passed", "Failed")
elif format == "nunit": xml("test-case", "result", "Passed", "Failed")
elif format == "xunit": xml("test", "result", "Pass", "Fail")
else:
    document = json.load(open(path))
    if format == "playwright":
        def walk(suite):
            global passed, failed
            for spec in suite.get("specs", []):
                for test in spec["tests"]:
                    passed += test["status"] in ("expected", "flaky"); failed += test["status"] == "unexpected"
            for inner in suite.get("suites", []): walk(inner)
        for suite in document["suites"]: walk(suite)
    elif format == "ctrf":
        for test in document["results"]["tests"]:
            passed += test["status"] == "passed"; failed += test["status"] == "failed"
    else:
        failing = {(t["file"], t["fullTitle"]) for t in document["failures"]}
        for test in document["tests"]:
            bad = (test["file"], test["fullTitle"]) in failing
            failed += bad; passed += not bad
print(json.dumps({"passed": passed, "failed": failed}))
"""


class Files:
    """One report per format under `root/<format>/`, each the run of that name."""

    def __init__(self, root, size, seed):
        self.root, self.suite = root, Suite(TESTS[size], seed)
        self.paths = {}
        for name in FORMATS:
            writer, extension = WRITERS[name]
            folder = os.path.join(root, name)
            os.makedirs(folder)
            self.paths[name] = os.path.join(folder, f"report.{extension}")
            with open(self.paths[name], "w") as handle:
                handle.write(writer(self.suite))
            open(os.path.join(folder, "done"), "w").close()
        self.config = os.path.join(root, "formats.toml")
        with open(self.config, "w") as handle:
            handle.write(f'state_dir = "{root}/state"\n[run]\nroot = "{root}"\nreports = "{{run}}/report.*"\n'
                         'end_marker = "{run}/done"\n')

    def check(self, binary, name, *extra):
        return [binary, "check", "--config", self.config, "--state-dir", os.path.join(self.root, "state"), "--run",
                name, "--dry-run", *extra]

    def reference(self, name):
        return [sys.executable, "-c", REFERENCE, name, self.paths[name]]

    def verify(self, binary):
        """Whether every reader counts what the Python reader of its format counts."""
        expected = self.suite.counts()
        agreed = True
        for name in FORMATS:
            result = subprocess.run(self.check(binary, name, "--json"), capture_output=True, text=True)
            counts = json.loads(result.stdout)["scopes"][0]["counts"]
            ours = {"passed": counts["passed"], "failed": counts["failed"]}
            python = json.loads(subprocess.run(self.reference(name), check=True, capture_output=True,
                                               text=True).stdout)
            agreed &= ours == python == expected
            print(f"bench --verify: {name:10} finishline {ours}, Python {python}")
        return agreed

    def rows(self, binary, runs, measure_together, baseline=None):
        """(format, bytes, our cpu ms, Python's cpu ms, baseline JUnit cpu ms or None) per format."""
        rows = []
        for name in FORMATS:
            commands = [self.check(binary, name), self.reference(name)]
            if baseline and name == "junit":
                commands.append(self.check(baseline, name))
            figures = measure_together(commands, runs)
            rows.append((name, os.path.getsize(self.paths[name]), figures[0][1], figures[1][1],
                         figures[2][1] if len(figures) > 2 else None, figures[0][2]))
        return rows


def report(rows):
    """Prints each reader's MB per CPU second beside Python's, and relative to the JUnit reader."""
    print(f"\n{'reader (one file each, same tests)':34} {'MB':>6} {'MB/s':>8} {'Python MB/s':>12} "
          f"{'x Python':>9} {'x JUnit/byte':>13} {'peak RSS MB':>12}")
    junit = next(row for row in rows if row[0] == "junit")
    junit_rate = junit[1] / junit[2]
    for name, size, ours, python, _, rss in rows:
        rate, python_rate = size / ours / 1000, size / python / 1000
        print(f"{name:34} {size / 1e6:6.1f} {rate:8.1f} {python_rate:12.1f} {python / ours:9.1f} "
              f"{(size / ours) / junit_rate:13.2f} {rss:12.1f}")
    slowest = min(rows, key=lambda row: row[1] / row[2])
    print(f"  slowest per byte: {slowest[0]}, {(slowest[1] / slowest[2]) / junit_rate:.2f}x this build's JUnit reader")
    if junit[4]:
        baseline_rate = junit[1] / junit[4]
        print(f"  the --baseline-bin build's JUnit reader: {baseline_rate / 1000:.1f} MB/s; this build's is "
              f"{junit[4] / junit[2]:.2f}x as fast; the slowest reader is "
              f"{(slowest[1] / slowest[2]) / baseline_rate:.2f}x the baseline's JUnit reader per byte "
              "(goal >= 1.0 against the JUnit reader before the new formats)")
