"""End to end in a real pseudo-terminal: read a card off the screen, answer, rate, quit."""

import json
import os
import subprocess
import sys

import pexpect
import pytest
from helpers import PROMPT_READS_KEYS

pytestmark = pytest.mark.slow  # dockquiz in a pseudo-terminal


def test_study_in_a_terminal(tmp_path):
    db = tmp_path / "e2e.db"
    env = {
        **os.environ,
        "DOCKQUIZ_DB": str(db),
        "DOCKQUIZ_LANG": "en",
        "TERM": "xterm-256color",
        "COLUMNS": "80",
        "LINES": "30",
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }
    child = pexpect.spawn(
        sys.executable, ["-m", "dockquiz", "study"], env=env, encoding="utf-8", timeout=120, dimensions=(30, 80)
    )
    child.expect("imported the built-in deck")
    child.expect(r"(Pull an image)")  # an English learner's built-in deck is the English one
    prompt = child.match.group(1)
    child.expect(r"\$")
    answers = {"Pull an image": "docker pull nginx"}
    child.send(answers[prompt] + "\r")
    child.expect("correct")
    child.expect("Enter accept")
    child.expect_exact(PROMPT_READS_KEYS)
    child.send("c")  # "close enough" is not offered for a correct answer: the key says why, and which keys are
    child.expect(r"c \(close enough\) is not offered here: your answer is\s+accepted as it stands\.\s+Keys: 1 again")
    child.send("\r")
    child.expect("next: in 10 min")
    child.expect_exact(PROMPT_READS_KEYS)
    child.sendcontrol("d")
    child.expect("Done: 1 answered, 100% correct")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    out = subprocess.run(
        [sys.executable, "-m", "dockquiz", "cards", "--json"], env=env, capture_output=True, text=True, check=True
    ).stdout
    reviewed = [c for c in json.loads(out) if c["reps"]]
    assert [(c["answer"], c["state"]) for c in reviewed] == [("docker pull ${IMAGE_NAME}", "learning")]
