"""How ``dockquiz stats`` looks: pure renderers of the figures ``progress`` computes (the
command itself is ``commands.cmd_stats``)."""

from __future__ import annotations

from datetime import date, timedelta

from rich.cells import cell_len
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from dockquiz.i18n import T

BLOCKS = " ▁▂▃▄▅▆▇█"
HEAT = [("·", "grey35"), ("░", "green4"), ("▒", "green3"), ("▓", "green1"), ("█", "bright_green")]


def render_class(out: Console, t: T, data: dict) -> None:
    """``stats --class``: a row per learner, then the cards the class forgets most."""
    table = Table(title=t("stats.class_title"), title_justify="left")
    for key in ("profile", "reviews_7d", "reviews_30d", "retention_30d", "streak"):
        table.add_column(t("stats.class." + key), justify="left" if key == "profile" else "right")
    for row in data["learners"]:
        table.add_row(
            row["profile"], str(row["reviews_7d"]), str(row["reviews_30d"]), _pct(row["retention_30d"]), str(row["streak_days"])
        )
    out.print(table)
    if data["forgotten"]:
        out.print(Text(t("stats.class_forgotten"), style="bold"))
        for card in data["forgotten"]:
            out.print(
                Text.assemble(
                    f"  {card['again']}× ",
                    (t("stats.class_learners", n=card["learners"]), "dim"),
                    f"  {card['prompt']}  → ",
                    (card["answer"], "green"),
                ),
                soft_wrap=True,
            )


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def render(out: Console, t: T, data: dict, all_sections: bool = False) -> None:
    """``all_sections``: every section in the mastery table (``stats --all``), not only the weakest."""
    if not any(h["reviews"] for h in data["heatmap"]) and not data["today"]["reviews"]:
        total = sum(data["cards"].values())
        out.print(Panel(Text(t("stats.empty", cards=total), justify="left"), title=t("stats.title"), width=min(out.width, 100)))
        return
    width = min(out.width, 120)
    out.print(Panel(Group(_summary(t, data), Text(""), _cards(t, data)), title=_title(t, data), width=width))
    inner = width - 4  # what a panel leaves inside its borders and padding
    forecast = data["forecast"][: max(7, (inner - 4) // 2)]
    out.print(Panel(_forecast(t, forecast), title=t("stats.forecast", days=len(forecast)), width=width))
    out.print(Panel(_heatmap(t, data["heatmap"], max(4, (inner - 4) // 2)), title=t("stats.heatmap"), width=width))
    out.print(Panel(_mastery(t, data, width, all_sections), title=t("stats.mastery"), width=width))
    out.print(Panel(_weak(t, data), title=t("stats.weak"), width=width))


def _title(t: T, data: dict) -> str:
    """ "Progress", naming the decks counted when there are several (up to four, then how many more)."""
    decks = data.get("decks") or []
    if len(decks) < 2:
        return t("stats.title")
    names = ", ".join(decks[:4]) + (" " + t("stats.more_decks", n=len(decks) - 4) if len(decks) > 4 else "")
    return t("stats.title_decks", decks=names)


def _summary(t: T, data: dict) -> Text:
    today = data["today"]
    r = data["retention"]
    text = Text()
    text.append(
        t(
            "stats.today",
            reviews=today["reviews"],
            correct=today["correct"],
            minutes=today["seconds"] // 60,
            seconds=today["seconds"] % 60,
        ),
        style="bold",
    )
    text.append("   " + t("stats.streak", days=data["streak_days"]), style="bold yellow")
    text.append("\n" + t("stats.retention", d7=_pct(r["7d"]), d30=_pct(r["30d"]), d365=_pct(r["365d"])))
    fsrs = data.get("fsrs")
    if fsrs:
        if fsrs["fitted"]:
            line = t(
                "stats.fsrs_fitted",
                date=fsrs["fitted_at"][:10],
                reviews=fsrs["reviews"],
                old=f"{fsrs['log_loss'][0]:.3f}",
                new=f"{fsrs['log_loss'][1]:.3f}",
                retention=_pct(fsrs["desired_retention"]),
            )
        else:
            line = t("stats.fsrs_default", retention=_pct(fsrs["desired_retention"]))
        text.append("\n" + line, style="dim")
    return text


def _cards(t: T, data: dict) -> Text:
    text = Text()
    styles = {
        "new": "cyan",
        "learning": "yellow",
        "review": "green",
        "relearning": "red",
        "suspended": "magenta",
        "retired": "dim",
    }
    for i, (name, n) in enumerate(data["cards"].items()):
        text.append(("   " if i else "") + f"{t('state.' + name)} ")
        text.append(str(n), style=f"bold {styles[name]}")
    return text


def _forecast(t: T, forecast: list[dict]) -> Text:
    counts = [f["due"] for f in forecast]
    top = max(counts) or 1
    rows = 4
    text = Text()
    for level in range(rows, 0, -1):
        label = f"{top:>3} " if level == rows else "  0 " if level == 1 else "    "
        line = Text(label, style="dim")
        for n in counts:
            fill = n / top * rows - (level - 1)
            ch = BLOCKS[min(8, max(0, round(fill * 8)))] if fill > 0 else " "
            line.append(ch * 2, style="cyan")
        text.append_text(line)
        text.append("\n")
    first = date.fromisoformat(forecast[0]["date"])
    months = t("stats.months").split()
    axis = [" "] * (4 + 2 * len(counts))
    for i in range(0, len(counts), 7):  # a date under the first day of each week
        day = first + timedelta(days=i)
        label = f"{months[day.month - 1]}{day.day}" if i == 0 or day.day <= 7 else str(day.day)
        at = 4 + 2 * i
        if at + cell_len(label) <= len(axis):
            axis[at : at + len(label)] = list(label)
    text.append("".join(axis).rstrip(), style="dim")
    text.append("\n" + t("stats.forecast_total", today=counts[0], week=sum(counts[:7]), total=sum(counts)))
    return text


def _heatmap(t: T, heatmap: list[dict], max_weeks: int = 26) -> Text:
    """Days as cells, a week a column, the newest week last; as many weeks as the width holds."""
    days = [(date.fromisoformat(h["date"]), h["reviews"]) for h in heatmap]
    last_monday = days[-1][0] - timedelta(days=days[-1][0].weekday())
    start = max(days[0][0] - timedelta(days=days[0][0].weekday()), last_monday - timedelta(weeks=max_weeks - 1))
    days = [(d, n) for d, n in days if d >= start]
    top = max(n for _, n in days) or 1
    by_day = dict(days)
    weeks = (days[-1][0] - start).days // 7 + 1
    names = t("stats.weekdays").split()
    month_names = t("stats.months").split()
    text = Text()
    row = [" "] * (4 + 2 * weeks)
    taken = 0
    for w in range(weeks):  # a month's name over its first week
        monday = start + timedelta(weeks=w)
        if monday.day > 7:
            continue
        name = month_names[monday.month - 1]
        at = 4 + 2 * w
        if at >= taken and at + cell_len(name) <= len(row):
            row[at] = name
            for k in range(1, cell_len(name)):
                row[at + k] = ""
            taken = at + cell_len(name) + 1
    text.append("".join(row).rstrip(), style="dim")
    for wd in range(7):
        text.append("\n" + names[wd] + " " * (4 - cell_len(names[wd])), style="dim")
        for w in range(weeks):
            day = start + timedelta(weeks=w, days=wd)
            if day not in by_day:
                text.append("  ")
                continue
            n = by_day[day]
            level = 0 if n == 0 else 1 + min(3, int(3 * n / top))
            ch, style = HEAT[level]
            text.append(ch + " ", style=style)
    legend = " ".join(ch for ch, _ in HEAT)
    text.append("\n" + t("stats.heatmap_legend", legend=legend, top=top), style="dim")
    return text


def _mastery_cell(value: float, width: int = 10) -> Text:
    """A mastery as a bar coloured by how far it is, then its percent: ``███████░░░ 70%``."""
    filled = round(value * width)
    style = "green" if value >= 0.8 else "yellow" if value >= 0.5 else "red"
    return Text.assemble(Text("█" * filled + "░" * (width - filled), style=style), f" {_pct(value)}")


SECTIONS_SHOWN = 20  # section rows in the terminal, unless ``stats --all``


def shown_sections(sections: list[dict], limit: int = SECTIONS_SHOWN) -> tuple[list[dict], int]:
    """The sections the terminal shows, and how many it leaves out. Up to ``limit``: all of
    them, in notes order. More: the weakest studied ones (lowest mastery first, ties in notes
    order), then, if fewer than ``limit`` are studied, the unstudied ones in notes order.
    Studied: mastery above 0 (a card never reviewed counts 0, a reviewed one never quite 0)."""
    if len(sections) <= limit:
        return sections, 0
    studied = sorted((r for r in sections if r["mastery"] > 0), key=lambda r: r["mastery"])  # stable: notes order
    rest = [r for r in sections if not r["mastery"] > 0]
    return (studied + rest)[:limit], len(sections) - limit


def _mastery(t: T, data: dict, width: int, all_sections: bool = False) -> Group:
    several = len(data.get("decks") or []) > 1  # which deck each section is of
    sections = Table(box=None, expand=False, padding=(0, 1))
    if several:
        sections.add_column(t("stats.col.deck"), overflow="fold", max_width=max(10, width // 5))
    sections.add_column(t("stats.col.section"), overflow="fold", max_width=max(20, width - 30 - several * (width // 5)))
    sections.add_column(t("stats.col.cards"), justify="right")
    sections.add_column(t("stats.col.mastery"))
    rows, hidden = (data["sections"], 0) if all_sections else shown_sections(data["sections"])
    for row in rows:  # headings and deck names are the notes' text: never read as markup
        name = Text(" › ".join(row["section"][-2:]) or "—")
        cells = [Text(row.get("deck") or ""), name] if several else [name]
        sections.add_row(*cells, str(row["cards"]), _mastery_cell(row["mastery"]))
    shown = [sections]
    if hidden:
        shown.append(Text(t("stats.sections_hidden", hidden=hidden, total=len(data["sections"])), style="dim"))
    commands = Table(box=None, expand=False, padding=(0, 1))
    commands.add_column(t("stats.col.command"))
    commands.add_column(t("stats.col.cards"), justify="right")
    commands.add_column(t("stats.col.mastery"))
    for row in [c for c in data["commands"] if c["studied"]][:8]:
        commands.add_row(Text(row["command"]), str(row["cards"]), _mastery_cell(row["mastery"]))
    return Group(*shown, Text(""), Text(t("stats.weakest_commands"), style="bold"), commands)


def _weak(t: T, data: dict) -> Group:
    parts = []
    if data["weak"]:
        table = Table(box=None, padding=(0, 1))
        for col in ("id", "answer", "lapses", "note"):
            table.add_column(t(f"stats.col.{col}"), overflow="fold")
        for w in data["weak"]:
            note = t("stats.leech") if w["leech"] else ""
            table.add_row(str(w["id"]), Text(w["answer"]), str(w["lapses"]), note)
        parts += [Text(t("stats.hardest"), style="bold"), table]
    if data["confusions"]:
        table = Table(box=None, padding=(0, 1))
        for col in ("expected", "typed", "count"):
            table.add_column(t(f"stats.col.{col}"))
        for c in data["confusions"]:
            table.add_row(Text(c["expected"], style="green"), Text(c["typed"], style="red"), str(c["count"]))
        parts += [Text(t("stats.confusions"), style="bold"), table]
    if not parts:
        parts.append(Text(t("stats.no_weak"), style="green"))
    return Group(*parts)
