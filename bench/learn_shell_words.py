"""Record the help of common shell programs (which have no grammar here) and generate the words
English prompts can say for them: what each program does and what each option does.

    python bench/learn_shell_words.py            # record this machine's help, then generate
    python bench/learn_shell_words.py --replay   # generate from the recorded help only

A developer's tool, as bench/learn_grammar.py: it reads the programs installed here (GNU
``--help``, the man page through ``man``, bash's ``help`` for builtins, and the man page's NAME
line through ``whatis``), writes them to tests/fixtures/shell-help.json.gz, and generates
content/cli/shell_words.json from them (dockquiz never reads a program's help on a learner's
machine). Only words: grading of these programs is not changed by them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dockquiz.grading import helptext as ht  # noqa: E402

RECORD = ROOT / "tests" / "fixtures" / "shell-help.json.gz"
OUT = ROOT / "content" / "cli" / "shell_words.json"

# where each program's options are described: its --help (GNU), its man page, bash's help
HELP = """grep egrep cat tar ls xargs sed date head rm wc sort touch wget mkdir mv chmod tail cut tr
du ln sleep seq cp pwd gzip gunzip zcat df rmdir printenv uniq md5sum sha256sum base64 iconv chown
chgrp tee basename dirname diff uname whoami id env nohup free journalctl echo printf curl""".split()
MAN = """find ps ssh scp ssh-keygen awk jq lsof kill less top zip unzip tmux watch sysctl mount
umount ifconfig apt apt-get man which bzip2 su passwd usermod""".split()
BUILTIN = "cd export history set source read declare alias unset type jobs bg fg".split()


def _run(argv: list[str]) -> str:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C", "LC_ALL": "C", "MANWIDTH": "200", "COLUMNS": "200"}
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=20, check=False)
    return done.stdout


def record() -> dict[str, str]:
    out: dict[str, str] = {}
    for program in HELP + MAN:
        out[f"whatis {program}"] = _run(["whatis", "-s", "1:8", program])
    for program in HELP:
        out[f"{program} --help"] = _run(
            [program, "--help", "all"]
            if program == "curl"
            else [f"/usr/bin/{program}", "--help"]
            if program in ("echo", "printf")
            else [program, "--help"]
        )
    for program in MAN:
        out[f"man {program}"] = _run(["man", "--nh", "--nj", "-P", "cat", "-s", "1:8", program])
    for program in BUILTIN:
        out[f"help {program}"] = _run(["bash", "-c", f"help {program}"])
    return {k: v for k, v in out.items() if v.strip()}


def generate(recorded: dict[str, str]) -> dict:
    """The words document from the recorded help texts (pure)."""
    programs: dict[str, dict] = {}
    for key in sorted(recorded):
        first, second = key.split(" ", 1)
        how, program = ("--help", first) if second == "--help" else (first, second)
        if how == "whatis":
            continue
        text = recorded[key]
        about = ht.shell_about(text if how == "help" else recorded.get(f"whatis {program}", ""), program)
        options = [f.to_dict() for f in ht.shell_options(text) if f.help]
        if about or options:
            programs[program] = {"about": about, "options": options}
    return {"format": 1, "programs": programs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/learn_shell_words.py")
    parser.add_argument("--replay", action="store_true", help="generate from the recorded help only")
    args = parser.parse_args(argv)
    if args.replay:
        with gzip.open(RECORD, "rt", encoding="utf-8") as fh:
            recorded = json.load(fh)
    else:
        recorded = record()
        with gzip.open(RECORD, "wt", encoding="utf-8", compresslevel=9) as fh:
            json.dump(recorded, fh, ensure_ascii=False, sort_keys=True)
    doc = generate(recorded)
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    options = sum(len(p["options"]) for p in doc["programs"].values())
    print(f"{len(doc['programs'])} programs, {options} options -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
