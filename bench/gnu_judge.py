"""How often the grader agrees with GNU programs themselves on whether two spellings mean the same.

    .venv/bin/python bench/gnu_judge.py [--show]

The grader reads each program with the grammar ``grammar learn`` makes from its installed help
(learned into a throwaway data folder). The judge is not the grader:

- ``ls``, ``grep``, ``cp``, ``tar`` run for real, each line in a fresh copy of a small tree
  (files with fixed times), ``LC_ALL=C``, ``TZ=UTC``, stdin ``/dev/null``, a timeout; two
  spellings are the same iff exit code, stdout, stderr and the tree left behind are the same.
- ``journalctl``, ``systemctl`` (no systemd runs here; their runs would read the host): util-linux
  ``getopt`` parses both lines with a spec built from the help by this script's own reading
  (``-u --unit=UNIT``: ``u:`` and ``unit:``; ``[=X]``: ``::``); two spellings are the same iff
  getopt accepts both and hands the program the same options (each short one named by its long
  one), the same values and the same arguments in the same order.

Then the programs that run for real are graded again with no grammar (``PROG (none)``: word
by word, what a learner who never ran ``grammar learn`` gets) against the same real verdicts.

Prints, per program and overall: pairs, agree, false accepts (graded right, the program reads
them apart), false rejects (graded wrong, the program reads them the same).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAIRS = """
ls -la | ls -l -a
ls -la | ls -al
ls -la | ls --all -l
ls -la | ls -l --al
ls -la | ls -l --a
ls -l -t | ls -lt
ls -l -t | ls -l --sort=time
ls -l -t | ls -l --sort time
ls -lh | ls -l --human-readable
ls -lh | ls -l --human
ls -1 sub | ls sub -1
ls -1 sub | ls -1 -- sub
ls -w 40 | ls -w40
ls -w 40 | ls --width=40
ls -w 40 | ls --width 40
ls -w 40 | ls -w=40
ls --color=never | ls --color never
ls --color=never | ls --col=never
ls -I '*.txt' | ls --ignore='*.txt'
ls -I '*.txt' | ls -I'*.txt'
ls -a | ls -A
ls -d sub | ls --directory sub
ls -F | ls --classify
ls -R | ls --recursive
ls -r | ls --reverse
ls -r | ls --rev
grep -rn foo . | grep -r -n foo .
grep -rn foo . | grep -nr foo .
grep -rn foo . | grep --recursive --line-number foo .
grep -rn foo . | grep -rn . foo
grep -i foo a.txt | grep --ignore-case foo a.txt
grep -i foo a.txt | grep foo a.txt -i
grep -i foo a.txt | grep --ignore foo a.txt
grep -i foo a.txt | grep --i foo a.txt
grep -e foo -e bar a.txt | grep -e bar a.txt
grep -e foo -e bar a.txt | grep --regexp=foo --regexp=bar a.txt
grep -e foo -e bar a.txt | grep -efoo -ebar a.txt
grep -c foo a.txt | grep --count foo a.txt
grep -v foo a.txt | grep --invert-match foo a.txt
grep -A 1 foo a.txt | grep -A1 foo a.txt
grep -A 1 foo a.txt | grep --after-context=1 foo a.txt
grep -A 1 foo a.txt | grep --after 1 foo a.txt
grep -m 1 foo a.txt | grep --max-count 1 foo a.txt
grep -l foo a.txt b.txt | grep --files-with-matches foo a.txt b.txt
grep -w foo a.txt | grep --word-regexp foo a.txt
grep -E 'fo+' a.txt | grep --extended-regexp 'fo+' a.txt
grep -E 'fo+' a.txt | grep 'fo+' a.txt
grep --color=always foo a.txt | grep --colour=always foo a.txt
grep --color=always foo a.txt | grep --col=always foo a.txt
cp -r sub dst | cp --recursive sub dst
cp -r sub dst | cp -R sub dst
cp -r sub dst | cp sub dst -r
cp -r sub dst | cp --rec sub dst
cp -a a.txt dst.txt | cp --archive a.txt dst.txt
cp -v a.txt dst.txt | cp --verbose a.txt dst.txt
cp -n a.txt b.txt | cp --no-clobber a.txt b.txt
cp -n a.txt b.txt | cp a.txt b.txt
cp -t sub a.txt | cp --target-directory=sub a.txt
cp -t sub a.txt | cp -tsub a.txt
cp -t sub a.txt | cp --target-directory sub a.txt
cp -t sub a.txt | cp --target sub a.txt
tar -cf out.tar a.txt | tar -c -f out.tar a.txt
tar -cf out.tar a.txt | tar --create --file=out.tar a.txt
tar -cf out.tar a.txt | tar --create --file out.tar a.txt
tar -cf out.tar a.txt | tar -c --fil=out.tar a.txt
tar -cf out.tar a.txt | tar -fc out.tar a.txt
tar -czf out.tgz sub | tar -c -z -f out.tgz sub
tar -czf out.tgz sub | tar --gzip -cf out.tgz sub
tar -tf arch.tar | tar --list --file=arch.tar
tar -tf arch.tar | tar -t --file arch.tar
tar -tvf arch.tar | tar -t -v -f arch.tar
tar -xf arch.tar | tar --extract -f arch.tar
tar -xf arch.tar | tar --get -f arch.tar
tar -xf arch.tar -C sub | tar -xf arch.tar --directory=sub
tar -xf arch.tar -C sub | tar -xf arch.tar --directory sub
tar -xf arch.tar -C sub | tar -xf arch.tar -Csub
tar -cf out.tar a.txt | tar cf out.tar a.txt
tar -cvf out.tar a.txt | tar cvf out.tar a.txt
tar -czf out.tgz sub | tar czf out.tgz sub
tar -czf out.tgz sub | tar zcf out.tgz sub
tar -tvf arch.tar | tar tvf arch.tar
tar -tf arch.tar | tar tf arch.tar
tar -xf arch.tar | tar xf arch.tar
tar -xvf arch.tar | tar xvf arch.tar
tar -xf arch.tar -C sub | tar xf arch.tar -C sub
tar -xf arch.tar -C sub | tar xfC arch.tar sub
tar -c -b 20 -f out.tar a.txt | tar cbf 20 out.tar a.txt
tar -c -b 20 -f out.tar a.txt | tar cfb out.tar 20 a.txt
tar -tf arch.tar | tar xf arch.tar
tar -tvf arch.tar | tar tf arch.tar
tar -cf out.tar a.txt | tar cf out.tar sub
tar cf out.tar a.txt | tar -cf out.tar a.txt
tar xf arch.tar | tar -x -f arch.tar
tar tvf arch.tar | tar -t -v -f arch.tar
tar czf out.tgz sub | tar -czf out.tgz a.txt
journalctl -u nginx -f | journalctl --unit=nginx --follow
journalctl -u nginx -f | journalctl --unit nginx --follow
journalctl -u nginx -f | journalctl -fu nginx
journalctl -u nginx -f | journalctl -f -unginx
journalctl -u nginx -f | journalctl --uni=nginx --foll
journalctl -u nginx -f | journalctl -u nginx
journalctl -u nginx -f | journalctl -u=nginx -f
journalctl -n 20 | journalctl -n20
journalctl -n20 | journalctl --lines=20
journalctl -n20 | journalctl --lines 20
journalctl -p err -b | journalctl --priority=err --boot
journalctl -p err -b | journalctl -b -p err
journalctl -p err -b | journalctl -bp err
journalctl -b -1 | journalctl --boot=-1
journalctl -b -1 | journalctl -b-1
journalctl --since today | journalctl -S today
journalctl --since today | journalctl --since=today
journalctl --since today | journalctl --sin today
journalctl --no-pager -k | journalctl --dmesg --no-pager
journalctl --no-pager -k | journalctl -k --no-p
journalctl -o json -n 5 | journalctl --output=json -n5
journalctl -u a -u b | journalctl -u b
journalctl -u a -u b | journalctl --unit=a --unit=b
journalctl -r | journalctl --reverse
journalctl -r | journalctl --re
systemctl list-units --type=service | systemctl list-units -t service
systemctl list-units --type=service | systemctl list-units -tservice
systemctl list-units --type=service | systemctl --type=service list-units
systemctl list-units --type=service | systemctl list-units --ty=service
systemctl list-units --type=service --state=failed | systemctl list-units -t service --state failed
systemctl list-units --type=service --state=failed | systemctl list-units -t service --failed
systemctl status nginx --no-pager | systemctl --no-pager status nginx
systemctl status nginx --no-pager | systemctl status --no-pag nginx
systemctl status nginx -l | systemctl status nginx --full
systemctl restart nginx | systemctl restart nginx.service
systemctl enable --now nginx | systemctl enable nginx --now
systemctl enable --now nginx | systemctl --now enable nginx
systemctl start nginx | systemctl restart nginx
systemctl show nginx -p MainPID | systemctl show nginx --property=MainPID
systemctl show nginx -p MainPID | systemctl show nginx -pMainPID
systemctl -a list-units | systemctl list-units --all
systemctl --user restart x | systemctl restart x --user
systemctl list-units --all | systemctl list-units --a
"""

RUN = ("ls", "grep", "cp", "tar")
GETOPT = ("journalctl", "systemctl")
ENV = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C", "TZ": "UTC", "COLUMNS": "80", "HOME": "/nonexistent"}
TIME = 1_700_000_000


def pairs() -> list[tuple[str, str]]:
    return [tuple(s.strip() for s in line.split(" | ")) for line in PAIRS.strip().splitlines()]


# --- running the real program ---------------------------------------------------------------


def _tree(base: Path) -> None:
    (base / "sub").mkdir()
    (base / "a.txt").write_text("foo\nbar\nFoo\nfoo bar\nfood\n")
    (base / "b.txt").write_text("bar\nbaz\n")
    (base / "sub" / "c.txt").write_text("foo in sub\n")
    (base / ".hidden").write_text("x\n")
    subprocess.run(["tar", "-cf", str(base / "arch.tar"), "-C", str(base), "a.txt", "sub"], check=True, env=ENV)
    for path in sorted(base.rglob("*"), reverse=True) + [base]:
        os.utime(path, (TIME, TIME), follow_symlinks=False)


def _state(base: Path) -> tuple:
    out = []
    for path in sorted(base.rglob("*")):
        rel = str(path.relative_to(base))
        if path.is_dir():
            out.append((rel, "dir"))
        else:
            data = path.read_bytes()
            if path.suffix in (".tar", ".tgz"):  # an archive by its members, not its bytes (times of a new file)
                listing = subprocess.run(["tar", "-tvf", str(path)], capture_output=True, env=ENV, cwd=base)
                data = listing.stdout + listing.stderr
            out.append((rel, data))
    return tuple(out)


def run_real(line: str, scratch: Path) -> tuple:
    base = Path(tempfile.mkdtemp(dir=scratch))
    _tree(base)
    argv = shlex.split(line)
    try:
        p = subprocess.run(argv, cwd=base, env=ENV, stdin=subprocess.DEVNULL, capture_output=True, timeout=10)
        told = (p.returncode, p.stdout, p.stderr.replace(str(base).encode(), b"BASE"), _state(base))
    except subprocess.TimeoutExpired:
        told = ("timeout",)
    shutil.rmtree(base)
    return told


# --- getopt(1) with a spec read from the help -----------------------------------------------


def getopt_spec(help_text: str) -> tuple[str, list[str], dict[str, str]]:
    shorts, longs, names = "", [], {}
    for line in help_text.splitlines():
        m = re.match(r"^ {1,8}(?:(-[A-Za-z0-9])(?:,? +|$))?(?:(--[A-Za-z0-9][\w-]*)(\[=|=)?)?", line)
        if not m or not (m.group(1) or m.group(2)):
            continue
        short, long_, eq = m.groups()
        rest = line[m.end() :]
        takes = ":" if eq == "=" else "::" if eq == "[=" else ""
        if short and not long_ and re.match(r"^ [A-Z][A-Z_]+\b", rest):
            takes = ":"  # -P NAME
        if short:
            shorts += short[1] + takes
        if long_:
            longs.append(long_[2:] + takes)
        if short and long_:
            names[short] = long_
    return shorts, longs, names


def run_getopt(line: str, spec: tuple[str, list[str], dict[str, str]]) -> tuple:
    shorts, longs, names = spec
    argv = shlex.split(line)
    p = subprocess.run(
        ["getopt", "-o", shorts, "-l", ",".join(longs), "-n", argv[0], "--", *argv[1:]],
        capture_output=True,
        text=True,
        env=ENV,
    )
    if p.returncode != 0:
        return ("refused", p.stderr.strip())
    words = shlex.split(p.stdout)
    cut = words.index("--")
    opts, i = [], 0
    takes = {"-" + c for c, nxt in zip(shorts, shorts[1:] + " ") if nxt == ":" and c != ":"}
    takes |= {"--" + n.rstrip(":") for n in longs if n.endswith(":")}
    while i < cut:
        name = names.get(words[i], words[i])
        if words[i] in takes or name in takes:  # getopt prints '' for an optional value not given
            opts.append((name, words[i + 1]))
            i += 2
        else:
            opts.append((name, None))
            i += 1
    return ("ok", tuple(sorted(Counter(opts).items(), key=repr)), tuple(words[cut + 1 :]))


def main() -> int:
    show = "--show" in sys.argv
    scratch = Path(tempfile.mkdtemp(prefix="gnu-judge-"))
    data = scratch / "data"
    os.environ["XDG_DATA_HOME"] = str(data)
    os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")
    from dockquiz.grading import grade
    from dockquiz.grading import grammar as gr
    from dockquiz.grading.learn import learn, live_runner, write

    folder = gr.user_grammar_dir()
    folder.mkdir(parents=True)
    specs = {}
    for program in RUN + GETOPT:
        record: dict[str, str] = {}
        doc = learn(program, live_runner(record))
        if doc is None:
            print(f"{program}: not learned")
            continue
        write(doc, folder / f"{program}.json")
        specs[program] = getopt_spec(record.get(f"{program} --help", ""))
    gr.grammar.cache_clear()
    table: dict[str, Counter] = {}
    verdicts: dict[tuple[str, str], bool] = {}
    for a, b in pairs():
        program = a.split()[0]
        if program in RUN:
            same = verdicts[(a, b)] = run_real(a, scratch) == run_real(b, scratch)
        else:
            ra, rb = run_getopt(a, specs[program]), run_getopt(b, specs[program])
            same = ra[0] == "ok" and ra == rb
        graded = grade(a, b).correct
        outcome = "agree" if graded == same else "false_accept" if graded else "false_reject"
        table.setdefault(program, Counter())[outcome] += 1
        table.setdefault("all", Counter())[outcome] += 1
        if show and outcome != "agree":
            print(f"  {outcome:12} {a!r} vs {b!r}")
    # Most learners never run `grammar learn`: the same real verdicts, graded with no grammar
    # (word by word), for the programs that run for real.
    for path in folder.iterdir():
        path.unlink()
    gr.grammar.cache_clear()
    for a, b in pairs():
        program = a.split()[0]
        if program not in RUN:
            continue
        graded = grade(a, b).correct
        same = verdicts[(a, b)]
        outcome = "agree" if graded == same else "false_accept" if graded else "false_reject"
        table.setdefault(f"{program} (none)", Counter())[outcome] += 1
        if show and outcome != "agree":
            print(f"  {outcome:12} {a!r} vs {b!r} (no grammar)")
    shutil.rmtree(scratch)
    print(f"{'program':12} {'pairs':>5} {'agree':>5} {'f.acc':>5} {'f.rej':>5}")
    for program, c in table.items():
        print(f"{program:12} {sum(c.values()):5} {c['agree']:5} {c['false_accept']:5} {c['false_reject']:5}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
