"""Pairs of terraform command lines for the terraform judge (tests/terraform_judge.py): lines
written for the fixture (its resources terraform_data.web and .db, its variables name and size,
prod.tfvars, sub/), and rewrites of each made by the mutations below, which change only the
spelling — whether the meaning stays is for terraform (and the grader) to say."""

from __future__ import annotations

import shlex

LINES = """
terraform plan -out=tfplan
terraform plan -input=false -out=tfplan
terraform plan -var name=api -out=tfplan
terraform plan -var-file=prod.tfvars -out=tfplan
terraform plan -destroy -out=tfplan
terraform plan -refresh=false -out=tfplan
terraform plan -refresh-only -out=tfplan
terraform plan -target=terraform_data.web -out=tfplan
terraform plan -replace=terraform_data.db -out=tfplan
terraform plan -no-color -input=false
terraform plan -detailed-exitcode -no-color
terraform plan -lock=false -parallelism=2 -out=tfplan
terraform apply -auto-approve
terraform apply -auto-approve -no-color
terraform apply -auto-approve -var name=api
terraform apply -auto-approve -target=terraform_data.web
terraform apply -auto-approve -replace=terraform_data.web
terraform apply -auto-approve -state-out=new.tfstate
terraform apply -input=false tfplan
terraform destroy -auto-approve
terraform destroy -auto-approve -target=terraform_data.db
terraform fmt -check
terraform fmt -diff -check
terraform fmt -write=false -diff
terraform fmt -recursive -list=false
terraform fmt -check style.tf
terraform validate -json
terraform validate -no-color
terraform output -json
terraform output -raw name
terraform output -state=terraform.tfstate size
terraform show -json
terraform show -no-color
terraform state list
terraform state list terraform_data.web
terraform state list -state=terraform.tfstate
terraform state show terraform_data.web
terraform state rm terraform_data.db
terraform state rm -dry-run terraform_data.db
terraform state mv -dry-run terraform_data.web terraform_data.www
terraform state mv terraform_data.db terraform_data.data
terraform state pull
terraform taint terraform_data.web
terraform untaint -allow-missing terraform_data.web
terraform workspace new dev
terraform workspace list
terraform workspace show
terraform version -json
terraform providers
terraform graph -type=plan
terraform init -input=false
terraform init -backend=false
terraform refresh -no-color
terraform -chdir=sub validate
terraform -chdir=sub plan -no-color
"""

_TWO_WORDS = {"state", "workspace", "metadata"}


def lines() -> list[str]:
    return [ln.strip() for ln in LINES.splitlines() if ln.strip()]


def _split(line: str) -> tuple[list[str], list[str], list[str]]:
    """(program and global options and command path, options, the rest from the first argument)."""
    words = shlex.split(line)
    i = 1
    while i < len(words) and words[i].startswith("-"):
        i += 1
    i += 1  # the command
    providers = words[i - 1] == "providers" and i < len(words) and words[i] in ("lock", "mirror", "schema")
    if words[i - 1] in _TWO_WORDS or providers:
        i += 1
    head, rest = words[:i], words[i:]
    opts: list[str] = []
    while rest and rest[0].startswith("-"):
        opts.append(rest.pop(0))
        if "=" not in opts[-1] and rest and not rest[0].startswith("-") and opts[-1] in ("-var", "-var-file", "-target", "-out"):
            opts.append(rest.pop(0))  # the value of an option written with a space
    return head, opts, rest


def _join(words: list[str]) -> str:
    return shlex.join(words)


def mutations(line: str) -> list[tuple[str, str]]:
    """(mutation, rewritten line) for one line; a mutation that does not apply gives none."""
    head, opts, rest = _split(line)
    out: list[tuple[str, str]] = []
    flags = [k for k, w in enumerate(opts) if w.startswith("-")]
    if flags:  # every option with two dashes, and only the first
        out.append(("dashes", _join(head + ["-" + w if w.startswith("-") else w for w in opts] + rest)))
        if len(flags) > 1:
            first = list(opts)
            first[flags[0]] = "-" + first[flags[0]]
            out.append(("dash_first", _join(head + first + rest)))
    for k, w in enumerate(opts):  # -x=v as -x v
        if w.startswith("-") and "=" in w:
            name, _, value = w.partition("=")
            out.append(("split", _join(head + opts[:k] + [name, value] + opts[k + 1 :] + rest)))
            break
    for k, w in enumerate(opts[:-1]):  # -x v as -x=v
        if w.startswith("-") and "=" not in w and not opts[k + 1].startswith("-"):
            out.append(("attach", _join(head + opts[:k] + [f"{w}={opts[k + 1]}"] + opts[k + 2 :] + rest)))
            break
    for k, w in enumerate(opts):  # a switch as -x=true
        if w.startswith("-") and "=" not in w and (k + 1 == len(opts) or opts[k + 1].startswith("-")):
            out.append(("true", _join(head + opts[:k] + [w + "=true"] + opts[k + 1 :] + rest)))
            out.append(("true_apart", _join(head + opts[:k] + [w, "true"] + opts[k + 1 :] + rest)))
            break
    units = [[w] for w in opts] if all(w.startswith("-") for w in opts) else []  # each option one word
    if len(units) > 1:  # the first two options the other way round
        out.append(("swap", _join(head + units[1] + units[0] + [w for u in units[2:] for w in u] + rest)))
    if units and rest:  # an option after the first argument
        out.append(("after", _join(head + [w for u in units[1:] for w in u] + rest[:1] + units[0] + rest[1:])))
    if flags:
        w = opts[flags[0]]
        out.append(("triple", _join(head + opts[: flags[0]] + ["--" + w] + opts[flags[0] + 1 :] + rest)))
        name = w.partition("=")[0]
        if len(name) > 5:
            out.append(("prefix", _join(head + opts[: flags[0]] + [name[:4] + w[len(name) :]] + opts[flags[0] + 1 :] + rest)))
    if not any(w.partition("=")[0] == "-no-color" for w in opts):  # a switch turned off: as if not given
        out.append(("off", _join(head + ["-no-color=false"] + opts + rest)))
    globals_ = head[1:-1] if head[1:2] and head[1].startswith("-") else []
    if globals_:
        g = globals_[0]
        path = [w for w in head[1:] if not w.startswith("-")]
        out.append(("global_dashes", _join(["terraform", "-" + g, *path, *opts, *rest])))
        out.append(("global_after", _join(["terraform", *path, g, *opts, *rest])))
        out.append(("global_apart", _join(["terraform", *g.split("=", 1), *path, *opts, *rest])))
    return out


def pairs() -> list[tuple[str, str, str]]:
    """(mutation, line, rewrite) for every line."""
    return [(m, line, rewrite) for line in lines() for m, rewrite in mutations(line) if rewrite != line]
