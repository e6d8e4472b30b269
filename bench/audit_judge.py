"""Judge the notes reader on a corpus of real notes, and re-judge only what changed.

    python bench/audit_judge.py --todo DIR... -j JUDGEMENTS [--only TEXT] [--state STATE]
    python bench/audit_judge.py --fold ANSWERS -j JUDGEMENTS [--state STATE]
    python bench/audit_judge.py --figures DIR... -j JUDGEMENTS [-j MORE]

A corpus folder holds notes files (``*.md``, ``*.txt``); a file's id is its name without the
extension, the folder's name is its split (``dev``, ``blind``). The notes stay outside this
repository; a judgement file (``docs/import-audit/*.tsv``) holds only hashes, line numbers,
verdicts and reason codes:

    card      FILE  KEY   right|wrong  CODE  LINE  ITEM   a judged card (KEY: card_key; ITEM: 'item'
                                                         when the card stands for an expected item)
    item      FILE  LINE  LINEHASH     KIND  ORIGIN   one expected item (a command or option
                                                      the notes describe) at that line
    surveyed  FILE  FILEHASH                     the whole file was read for misses

``--todo`` reads every file with the reader as it is now and prints, numbered, only the cards
no verdict covers, and the files not yet read for misses (numbered ``F1``…, shown line by line
with what each line already has); it writes the numbering to STATE. The judge writes an
answers file:

    3 right
    4 wrong answer_in_prompt
    5 wrong missing_value miss     the line is still a described command: an expected item
    miss F2 17 [KIND] [xN]         N (default 1) expected items on line 17 with no right card
    surveyed F2                    F2 was read for misses (or: surveyed all)

and ``--fold`` adds it to the judgement file. ``--figures`` prints, per split and overall,
cards, right, precision, expected, found, recall, files with described commands but no card,
and English prompts with Japanese in them.

Found: items and right cards are matched line by line; on a line, min(items, right cards)
items are found. A card judged right is itself an expected item (a learner wants it, so the
notes describe it): folding it adds an item on its line unless the line has an item no card
of the corpus stands for (a miss recorded there earlier, or the item of a card since gone),
which it then takes. STATE (default JUDGEMENTS.todo.json) is folded once.
The reader runs with an empty data folder of its own (``XDG_DATA_HOME``): grammars learned on
this machine do not change the cards.
Rubric and workflow: docs/import-audit/rubric.md.
"""

from __future__ import annotations

import argparse
import atexit
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

# The cards a learner who has learned no grammar gets: never those of grammars learned into
# this machine's data folder (a `grammar learn tar` there changed the cards the judges saw).
_DATA = tempfile.mkdtemp(prefix="audit-judge-")
os.environ["XDG_DATA_HOME"] = _DATA
atexit.register(shutil.rmtree, _DATA, True)

CODES = {
    "answer_in_prompt": "the prompt contains the answer (or gives it away: a link text, the command itself)",
    "missing_value": "the answer needs a value that neither the prompt nor the values shown give",
    "prose_in_answer": "words, comments or output in the answer",
    "broken_answer": "the answer is not what the notes say (cut, mangled, an en dash for --)",
    "not_a_command": "the card is not a command, option or instruction (output, YAML, prose, a version line)",
    "duplicate": "another card already asks this",
    "ambiguous_prompt": "several cards share the prompt and nothing tells them apart",
    "wrong_description": "the prompt describes another command (a label, a heading or a step that is not this line's)",
    "misleading_en": "the English prompt drops a flag the answer needs, names the wrong flags or says something else",
    "japanese_in_en": "the English prompt holds Japanese",
    "unwanted": "no learner would want this card",
}
VERDICTS = ("right", "wrong")
JAPANESE = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60]")
SUFFIXES = (".md", ".txt")


def digest(*parts: object, size: int = 16) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:size]


def card_key(file: str, kind: str, prompt_ja: str, prompt_en: str, answer: str, line: int) -> str:
    """A card's opaque identity: any change to what a learner sees, or to its source line, is a new card."""
    return digest(file, kind, prompt_ja, prompt_en, answer, line)


def line_hash(text: str) -> str:
    return digest(text.strip(), size=12)


def file_hash(text: str) -> str:
    return digest(text, size=16)


def has_japanese(text: str) -> bool:
    return bool(JAPANESE.search(text))


@dataclass(frozen=True)
class Card:
    file: str
    kind: str
    line: int
    prompt_ja: str
    prompt_en: str
    answer: str
    values: tuple[str, ...] = ()
    placeholders: tuple[str, ...] = ()  # shown by study on their own line; any value fills them

    @property
    def key(self) -> str:
        return card_key(self.file, self.kind, self.prompt_ja, self.prompt_en, self.answer, self.line)


@dataclass
class NotesFile:
    split: str
    id: str
    path: Path
    text: str
    cards: list[Card]

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


@dataclass(frozen=True)
class Item:
    file: str
    line: int
    linehash: str
    kind: str
    origin: str  # card (a right card made it) | miss (recorded by line)


@dataclass(frozen=True)
class Verdict:
    verdict: str  # right | wrong
    code: str = "-"
    line: int = 0
    item: bool = False  # the card stands for an expected item (right, or wrong and 'miss')


@dataclass
class Judgements:
    cards: dict[tuple[str, str], Verdict] = field(default_factory=dict)  # (file, key) -> verdict
    items: list[Item] = field(default_factory=list)
    surveyed: dict[str, str] = field(default_factory=dict)  # file -> file hash

    def items_on(self, file: str, line: int) -> int:
        return sum(1 for i in self.items if i.file == file and i.line == line)


class JudgeError(Exception):
    """A bad judgement or answers file: one line for the judge."""


# -- judgement files ---------------------------------------------------------------------


def load(paths: list[Path]) -> Judgements:
    out = Judgements()
    for path in paths:
        if not path.exists():
            continue
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not raw.strip() or raw.startswith("#"):
                continue
            cols = raw.split("\t")
            try:
                if cols[0] == "card" and len(cols) == 7 and cols[3] in VERDICTS and cols[6] in ("item", "-"):
                    out.cards[(cols[1], cols[2])] = Verdict(cols[3], cols[4], int(cols[5]), cols[6] == "item")
                elif cols[0] == "item" and len(cols) == 6:
                    out.items.append(Item(cols[1], int(cols[2]), cols[3], cols[4], cols[5]))
                elif cols[0] == "surveyed" and len(cols) == 3:
                    out.surveyed[cols[1]] = cols[2]
                else:
                    raise ValueError
            except ValueError:
                raise JudgeError(f"{path}:{number}: not a judgement line") from None
    return out


def dump(judgements: Judgements) -> str:
    rows = ["# dockquiz import audit: verdicts on cards (opaque keys) and expected items (line hashes); no notes text"]
    for (file, key), v in sorted(judgements.cards.items()):
        rows.append(f"card\t{file}\t{key}\t{v.verdict}\t{v.code}\t{v.line}\t{'item' if v.item else '-'}")
    for i in sorted(judgements.items, key=lambda i: (i.file, i.line, i.kind, i.origin, i.linehash)):
        rows.append(f"item\t{i.file}\t{i.line}\t{i.linehash}\t{i.kind}\t{i.origin}")
    for file, fh in sorted(judgements.surveyed.items()):
        rows.append(f"surveyed\t{file}\t{fh}")
    return "\n".join(rows) + "\n"


# -- reading the corpus --------------------------------------------------------------------


def read_corpus(dirs: list[Path]) -> list[NotesFile]:
    from dockquiz.grading.forms import card_values, said_by
    from dockquiz.grading.lexer import placeholders
    from dockquiz.notes import parse_notes

    def values(d) -> tuple[str, ...]:
        return tuple(card_values(d.kind, d.answer, said_by(d.prompt_ja, d.prompt_en)))

    def shown_placeholders(d) -> tuple[str, ...]:  # as study shows them beside the prompt
        return tuple(placeholders(d.answer)) if d.kind != "meaning" else ()

    out: list[NotesFile] = []
    for folder in dirs:
        if not folder.exists():
            raise JudgeError(f"no corpus folder or file {folder}")
        paths = [folder] if folder.is_file() else sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES)
        split = folder.parent.name if folder.is_file() else folder.name
        for path in paths:
            text = path.read_text(encoding="utf-8", errors="replace")
            notes = parse_notes(text, deck=path.stem)
            cards = [
                Card(path.stem, d.kind, d.source_line or 0, d.prompt_ja, d.prompt_en, d.answer, values(d), shown_placeholders(d))
                for d in notes.drafts
            ]
            out.append(NotesFile(split, path.stem, path, text, cards))
    return out


# -- todo ------------------------------------------------------------------------------------


@dataclass
class Todo:
    cards: list[Card]  # numbered from 1
    surveys: list[NotesFile]  # numbered F1…
    stale: list[Item]  # items whose line no longer reads as it did
    lines: dict[str, list[str]]  # every file's line hashes
    claims: dict[str, dict[int, int]]  # file -> line -> cards now there, judged before, that stand for an item

    def state(self) -> dict:
        return {
            "cards": {str(n): [c.file, c.key, c.line, c.kind] for n, c in enumerate(self.cards, 1)},
            "files": {f"F{n}": [f.id, file_hash(f.text)] for n, f in enumerate(self.surveys, 1)},
            "lines": self.lines,
            "claims": {file: {str(line): n for line, n in lines.items()} for file, lines in self.claims.items()},
        }


def todo(files: list[NotesFile], judgements: Judgements, only: str = "") -> Todo:
    """What is left to judge: the cards no verdict covers, the files not (or no longer) surveyed.
    ``only``: a part of the file ids to keep (a judge takes some files, another the rest)."""
    mine = [f for f in files if only in f.id]
    cards = [c for f in mine for c in f.cards if (c.file, c.key) not in judgements.cards]
    cards.sort(key=lambda c: (c.file, c.line, c.kind, c.key))
    surveys = [f for f in mine if judgements.surveyed.get(f.id) != file_hash(f.text)]
    lines = {f.id: [line_hash(t) for t in f.lines] for f in mine}
    stale = [
        i
        for i in judgements.items
        if i.file in lines and not (1 <= i.line <= len(lines[i.file]) and lines[i.file][i.line - 1] == i.linehash)
    ]
    claims: dict[str, dict[int, int]] = {}
    for f in mine:
        for c in f.cards:
            v = judgements.cards.get((c.file, c.key))
            if v is not None and v.item:
                claims.setdefault(c.file, {}).setdefault(c.line, 0)
                claims[c.file][c.line] += 1
    return Todo(cards, surveys, stale, lines, claims)


def line_marks(f: NotesFile, judgements: Judgements) -> dict[int, str]:
    """What each line already has: R a right card, W a wrong one, ? an unjudged one, M an expected item no right card finds."""
    marks: dict[int, list[str]] = defaultdict(list)
    right = Counter()
    for c in f.cards:
        v = judgements.cards.get((c.file, c.key))
        verdict = v.verdict if v else "?"
        marks[c.line].append({"right": "R", "wrong": "W"}.get(verdict, "?"))
        right[c.line] += verdict == "right"
    items = Counter(i.line for i in judgements.items if i.file == f.id)
    for line, n in items.items():
        marks[line] += ["M"] * max(0, n - right[line])
    return {line: "".join(sorted(m)) for line, m in marks.items()}


def print_todo(t: Todo, files: list[NotesFile], judgements: Judgements, out=None) -> None:
    out = out or sys.stdout
    by_id = {f.id: f for f in files}
    current = None
    for n, c in enumerate(t.cards, 1):
        if c.file != current:
            current = c.file
            f = by_id[c.file]
            print(f"\n=== {f.split}/{f.path.name}", file=out)
        lines = by_id[c.file].lines
        source = lines[c.line - 1] if 1 <= c.line <= len(lines) else ""
        print(f"#{n:<4} L{c.line:<4} {c.kind:<10} {c.prompt_ja}", file=out)
        print(f"{'':17}en: {c.prompt_en or '(empty)'}" + ("   [Japanese in en]" if has_japanese(c.prompt_en) else ""), file=out)
        if c.values:
            print(f"{'':17}values: {' | '.join(c.values)}", file=out)
        if c.placeholders:
            print(f"{'':17}placeholders (shown by study; any value is accepted): {' | '.join(c.placeholders)}", file=out)
        print(f"{'':17}=> {c.answer}", file=out)
        print(f"{'':17}| {source.strip()}", file=out)
    for n, f in enumerate(t.surveys, 1):
        marks = line_marks(f, judgements)
        print(f"\n=== F{n} survey for misses: {f.split}/{f.path.name} ({len(f.cards)} cards)", file=out)
        for number, text in enumerate(f.lines, 1):
            print(f"{marks.get(number, ''):>3} {number:>4}  {text}", file=out)
    for item in t.stale:
        print(f"\nstale item: {item.file} L{item.line} ({item.kind}) - the line changed; re-survey the file", file=out)
    print(
        f"\n{len(t.cards)} cards to judge, {len(t.surveys)} files to survey, {len(t.stale)} stale items."
        "\nAnswers: 'N right' | 'N wrong CODE [miss]' | 'miss Fn LINE [KIND] [xN]' | 'surveyed Fn|all'."
        f"\nCodes: {', '.join(CODES)}",
        file=out,
    )


# -- answers -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    op: str  # verdict | miss | surveyed
    ref: str  # card number, or Fn / file id, or "all"
    verdict: str = ""
    code: str = "-"
    miss: bool = False
    line: int = 0
    kind: str = "command"
    count: int = 1


def parse_answers(text: str) -> list[Answer]:
    out: list[Answer] = []
    for number, raw in enumerate(text.splitlines(), 1):
        words = raw.split("#", 1)[0].split()
        if not words:
            continue

        def bad(why: str) -> JudgeError:
            return JudgeError(f"answers line {number}: {why}: {raw.strip()}")

        if words[0].isdigit():
            if len(words) < 2 or words[1] not in VERDICTS:
                raise bad("expected 'N right' or 'N wrong CODE'")
            if words[1] == "right":
                if len(words) != 2:
                    raise bad("a right card takes no code")
                out.append(Answer("verdict", words[0], "right"))
            else:
                if len(words) < 3 or words[2] not in CODES:
                    raise bad(f"a wrong card needs one of the codes ({', '.join(CODES)})")
                if len(words) > 4 or (len(words) == 4 and words[3] != "miss"):
                    raise bad("only 'miss' may follow the code")
                out.append(Answer("verdict", words[0], "wrong", words[2], len(words) == 4))
        elif words[0] == "miss":
            if len(words) < 3 or not words[2].isdigit():
                raise bad("expected 'miss Fn LINE [KIND] [xN]'")
            kind, count = "command", 1
            for w in words[3:]:
                if re.fullmatch(r"x\d+", w):
                    count = int(w[1:])
                else:
                    kind = w
            out.append(Answer("miss", words[1], line=int(words[2]), kind=kind, count=count))
        elif words[0] == "surveyed" and len(words) == 2:
            out.append(Answer("surveyed", words[1]))
        else:
            raise bad("not an answer")
    return out


def fold(judgements: Judgements, state: dict, answers: list[Answer]) -> Judgements:
    """Judgements with the answers added (a new object; the old one is left as it was).

    A card that stands for an item (right, or wrong with 'miss') takes an item of its line that
    no card of the corpus as read at --todo already stands for (one a miss recorded, or one a
    card since gone left); only when none is free does it add one."""
    out = Judgements(dict(judgements.cards), list(judgements.items), dict(judgements.surveyed))
    files, lines = state.get("files", {}), state.get("lines", {})

    def file_of(ref: str) -> str:
        if ref in files:
            return files[ref][0]
        if ref in lines:
            return ref
        raise JudgeError(f"no file {ref} in the last todo")

    def hash_of(file: str, line: int) -> str:
        hashes = lines.get(file, [])
        if not 1 <= line <= len(hashes):
            raise JudgeError(f"{file} has no line {line}")
        return hashes[line - 1]

    free: dict[tuple[str, int], int] = {}

    def take(file: str, line: int) -> bool:
        if (file, line) not in free:
            claimed = state.get("claims", {}).get(file, {}).get(str(line), 0)
            free[(file, line)] = max(0, judgements.items_on(file, line) - claimed)
        if free[(file, line)]:
            free[(file, line)] -= 1
            return True
        return False

    for a in answers:
        if a.op == "verdict":
            if a.ref not in state.get("cards", {}):
                raise JudgeError(f"no card #{a.ref} in the last todo")
            file, key, line, kind = state["cards"][a.ref]
            verdict = Verdict(a.verdict, a.code, line, a.verdict == "right" or a.miss)
            if (file, key) in out.cards:
                if out.cards[(file, key)] != verdict:
                    raise JudgeError(f"card #{a.ref} was already judged {out.cards[(file, key)].verdict}")
                continue
            out.cards[(file, key)] = verdict
            if verdict.item and not take(file, line):
                out.items.append(Item(file, line, hash_of(file, line), kind, "card" if a.verdict == "right" else "miss"))
        elif a.op == "miss":
            file = file_of(a.ref)
            out.items += [Item(file, a.line, hash_of(file, a.line), a.kind, "miss")] * a.count
        else:
            refs = list(files) if a.ref == "all" else [a.ref]
            for ref in refs:
                if ref not in files:
                    raise JudgeError(f"no file {ref} in the last todo")
                file, fh = files[ref]
                out.surveyed[file] = fh
    return out


def added(before: Judgements, after: Judgements) -> Judgements:
    """What ``after`` has that ``before`` has not (fold only adds)."""
    items = Counter(before.items)
    extra = []
    for item in after.items:
        if items[item]:
            items[item] -= 1
        else:
            extra.append(item)
    return Judgements(
        {k: v for k, v in after.cards.items() if k not in before.cards},
        extra,
        {k: v for k, v in after.surveyed.items() if before.surveyed.get(k) != v},
    )


def merge(base: Judgements, more: Judgements) -> Judgements:
    return Judgements(base.cards | more.cards, base.items + more.items, base.surveyed | more.surveyed)


# -- figures -----------------------------------------------------------------------------


@dataclass
class Figures:
    files: int = 0
    cards: int = 0
    judged: int = 0
    right: int = 0
    expected: int = 0
    found: int = 0
    zero_card_files: int = 0
    no_card_files: int = 0
    unsurveyed: int = 0
    en_with_japanese: int = 0
    empty_en: int = 0
    right_off_items: int = 0  # right cards on a line with no expected item (should be 0)
    codes: Counter = field(default_factory=Counter)

    def add(self, other: Figures) -> None:
        for name in vars(self):
            if name == "codes":
                self.codes.update(other.codes)
            else:
                setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float | None:
        return self.right / self.judged if self.judged else None

    @property
    def recall(self) -> float | None:
        return self.found / self.expected if self.expected else None


def file_figures(f: NotesFile, judgements: Judgements) -> Figures:
    out = Figures(files=1, cards=len(f.cards))
    right_on: Counter = Counter()
    for c in f.cards:
        verdict = judgements.cards.get((c.file, c.key))
        out.en_with_japanese += has_japanese(c.prompt_en)
        out.empty_en += not c.prompt_en.strip()
        if verdict is None:
            continue
        out.judged += 1
        if verdict.verdict == "right":
            out.right += 1
            right_on[c.line] += 1
        else:
            out.codes[verdict.code] += 1
    items_on = Counter(i.line for i in judgements.items if i.file == f.id)
    out.expected = sum(items_on.values())
    out.found = sum(min(n, right_on[line]) for line, n in items_on.items())
    out.right_off_items = sum(max(0, n - items_on[line]) for line, n in right_on.items())
    out.zero_card_files = int(out.expected > 0 and not f.cards)
    out.no_card_files = int(not f.cards)
    out.unsurveyed = int(judgements.surveyed.get(f.id) != file_hash(f.text))
    return out


def figures(files: list[NotesFile], judgements: Judgements) -> dict[str, Figures]:
    out: dict[str, Figures] = {}
    for f in files:
        out.setdefault(f.split, Figures()).add(file_figures(f, judgements))
    total = Figures()
    for fig in list(out.values()):
        total.add(fig)
    out["all"] = total
    return out


def percent(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def print_figures(figs: dict[str, Figures], out=None) -> None:
    out = out or sys.stdout
    print(
        "| split | files | cards | judged | right | precision | expected | found | recall "
        "| files with described commands, no card | English prompts with Japanese |",
        file=out,
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|", file=out)
    for split, g in figs.items():
        print(
            f"| {split} | {g.files} | {g.cards} | {g.judged} | {g.right} | {percent(g.precision)} | {g.expected} | {g.found} "
            f"| {percent(g.recall)} | {g.zero_card_files} | {g.en_with_japanese} |",
            file=out,
        )
    for split, g in figs.items():
        notes = []
        if g.cards - g.judged:
            notes.append(f"{g.cards - g.judged} cards not judged")
        if g.no_card_files:
            notes.append(f"{g.no_card_files} files give no card")
        if g.unsurveyed:
            notes.append(f"{g.unsurveyed} files not surveyed for misses")
        if g.right_off_items:
            notes.append(f"{g.right_off_items} right cards on lines with no expected item")
        if g.empty_en:
            notes.append(f"{g.empty_en} empty English prompts")
        wrong = ", ".join(f"{code} {n}" for code, n in g.codes.most_common())
        print(f"\n{split}: wrong: {wrong or 'none'}" + (f"; {'; '.join(notes)}" if notes else ""), file=out)


# -- command line ------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="audit_judge.py", description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--todo", nargs="+", type=Path, metavar="DIR", help="corpus folders: print what is not judged yet")
    mode.add_argument("--fold", type=Path, metavar="ANSWERS", help="add an answers file to the judgement file")
    mode.add_argument("--figures", nargs="+", type=Path, metavar="DIR", help="corpus folders: print the figures")
    parser.add_argument(
        "-j", "--judgements", type=Path, action="append", required=True, help="judgement file (TSV); --fold writes to the first"
    )
    parser.add_argument("--only", default="", metavar="TEXT", help="--todo: only the files whose id contains TEXT")
    parser.add_argument("--state", type=Path, help="numbering of the last todo (default: JUDGEMENTS.todo.json)")
    args = parser.parse_args(argv)
    state_path = args.state or args.judgements[0].with_name(args.judgements[0].name + ".todo.json")
    try:
        judgements = load(args.judgements)
        if args.todo:
            files = read_corpus(args.todo)
            t = todo(files, judgements, args.only)
            print_todo(t, files, judgements)
            state_path.write_text(json.dumps(t.state()), encoding="utf-8")
        elif args.fold:
            if not state_path.exists():
                raise JudgeError(f"no todo numbering at {state_path}: run --todo first")
            state = json.loads(state_path.read_text(encoding="utf-8"))
            answers = parse_answers(args.fold.read_text(encoding="utf-8"))
            new = added(judgements, fold(judgements, state, answers))
            own = load(args.judgements[:1])
            args.judgements[0].write_text(dump(merge(own, new)), encoding="utf-8")
            state_path.replace(state_path.with_name(state_path.name + ".folded"))  # a todo's numbers are folded once
            counts = f"{len(new.cards)} cards, {len(new.items)} items, {len(new.surveyed)} surveyed files"
            print(f"added to {args.judgements[0]}: {counts}")
        else:
            print_figures(figures(read_corpus(args.figures), judgements))
    except JudgeError as e:
        print(e, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
