"""What a series' history costs (README "History"): a finished JUnit run of 5,000 tests checked
against a history of 50 earlier runs of the same 5,000 tests, beside the same check with
`[history] enabled = false`. Both take turns; the difference is the history's whole cost
(reading the file, comparing, writing it back), as the first check of a finished run pays it.
A closed run's check is measured the same way: it should not touch the history at all.

Used by scripts/bench (timed rows; with --verify, the labels a check records against a Python
reading of the same history).
"""
import json, os, random, shutil, subprocess

TESTS = 5_000
RUNS = 50
SERIES = "nightly"
BUILD = f"{SERIES}-{RUNS + 1}"


class History:
    def __init__(self, work, binary, seed=7):
        self.work, self.binary = work, binary
        self.tree = os.path.join(work, "tree")
        generator = random.Random(seed)
        self.names = [(f"shop.Suite{index // 100}Test", f"t{index}") for index in range(TESTS)]
        # Twelve known failures fail every run; each run also fails three of 200 flaky suspects.
        picked = generator.sample(range(TESTS), 212)
        known, suspects = picked[:12], picked[12:]
        self.runs = [self.outcomes(generator, known, suspects) for _ in range(RUNS + 1)]
        self.write_junit(self.runs[-1])
        self.seed = os.path.join(work, "seed")
        os.makedirs(os.path.join(self.seed, ".history"), mode=0o700)
        os.chmod(self.seed, 0o700)
        self.write_history(os.path.join(self.seed, ".history", f"{SERIES}.history"))
        self.configs = {enabled: self.config(enabled) for enabled in (True, False)}
        for enabled in (True, False):
            closed = self.state(f"closed-{enabled}")
            shutil.copytree(self.seed, closed)
            subprocess.run(self.check(enabled, closed), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    @staticmethod
    def outcomes(generator, known, suspects):
        letters = ["p"] * TESTS
        for index in known + generator.sample(suspects, 3):
            letters[index] = "f"
        return "".join(letters)

    def write_junit(self, outcomes):
        cases = []
        for (classname, name), letter in zip(self.names, outcomes):
            if letter == "f":
                cases.append(f'<testcase classname="{classname}" name="{name}" time="0.01">'
                             f'<failure message="expected {name}">AssertionError: expected {name}</failure></testcase>')
            else:
                cases.append(f'<testcase classname="{classname}" name="{name}" time="0.01"/>')
        folder = os.path.join(self.tree, "results", BUILD)
        os.makedirs(folder)
        path = os.path.join(folder, "TEST-shop.xml")
        with open(path, "w") as handle:
            handle.write(f'<?xml version="1.0"?>\n<testsuite name="shop" tests="{TESTS}" '
                         f'failures="{outcomes.count("f")}">\n' + "\n".join(cases) + "\n</testsuite>\n")
        os.utime(path, (1_700_000_000, 1_700_000_000))

    def write_history(self, path):
        """The documented format (docs/HISTORY.md), as finishline writes it."""
        lines = ["finishline-history 1", f"series\t{SERIES}"]
        lines += [f"test\t{classname} › {name}" for classname, name in self.names]
        for number, outcomes in enumerate(self.runs[:-1], start=1):
            failed = outcomes.count("f")
            lines.append(f"run\t{SERIES}-{number}\t{'FAILED' if failed else 'COMPLETED'}\t"
                         f"{1_700_000_000 + number * 86_400}\t{TESTS - failed} {failed} 0 0 0\t{outcomes}")
        with open(path, "w") as handle:
            handle.write("\n".join(lines) + "\n")

    def config(self, enabled):
        path = os.path.join(self.work, f"history-{str(enabled).lower()}.toml")
        with open(path, "w") as handle:
            handle.write(f'''state_dir = "state"
[run]
root = "{self.tree}"
junit = "results/{{run}}/*.xml"
[policy]
settle = "0s"
[history]
enabled = {str(enabled).lower()}
[[notify]]
name = "hook"
type = "webhook"
url = "http://127.0.0.1:9/unused"
on = ["terminated"]
''')
        return path

    def state(self, name):
        return os.path.join(self.work, name)

    def check(self, enabled, state, *extra):
        return [self.binary, "check", "--config", self.configs[enabled], "--state-dir", state,
                "--run", BUILD, *extra]

    def first_check(self, enabled):
        """A fresh copy of the seeded state, then the run's first check: what a timer pays once."""
        state = self.state(f"fresh-{enabled}")
        command = " ".join(f"'{part}'" for part in [self.binary, "check", "--config", self.configs[enabled],
                                                     "--state-dir", state, "--run", BUILD])
        return ["/bin/sh", "-c", f"rm -rf '{state}' && cp -r '{self.seed}' '{state}' && exec {command}"]

    def rows(self, runs, measure_together):
        named = [
            (f"first check of a finished run, {RUNS} runs x {TESTS:,} tests of history", self.first_check(True)),
            ("the same with [history] enabled = false", self.first_check(False)),
            ("check of the closed run, history on", self.check(True, self.state("closed-True"))),
            ("check of the closed run, history off", self.check(False, self.state("closed-False"))),
        ]
        figures = measure_together([command for _, command in named], runs)
        return list(zip([name for name, _ in named], figures))

    def verify(self):
        """Whether the check records the run and labels it as a Python reading of the same
        history does."""
        state = self.state("verify")
        shutil.copytree(self.seed, state)
        subprocess.run(self.check(True, state), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        listing = subprocess.run([self.binary, "history", SERIES, "--config", self.configs[True], "--state-dir", state,
                                  "--json"], capture_output=True, text=True)
        runs = json.loads(listing.stdout)["runs"] if listing.returncode == 0 else []
        before, now = self.runs[-2], self.runs[-1]
        name = lambda index: f"{self.names[index][0]} › {self.names[index][1]}"
        new = sorted(name(i) for i in range(TESTS) if now[i] == "f" and before[i] != "f")
        fixed = sorted(name(i) for i in range(TESTS) if now[i] == "p" and before[i] == "f")
        # The history keeps 50 runs (`keep`): recording the 51st lets the oldest go.
        agreed = (len(runs) == RUNS and runs[0]["build"] == BUILD and runs[0]["compared_with"] == f"{SERIES}-{RUNS}"
                  and runs[0]["new"] == new and runs[0]["fixed"] == fixed)
        print(f"bench --verify: history of {RUNS} x {TESTS:,}: {len(runs)} runs kept, "
              f"{len(new)} new and {len(fixed)} fixed as Python reads them: {agreed}")
        return agreed
