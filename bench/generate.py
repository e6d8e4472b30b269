"""Generate large notes in the style of the sample notes (headings, command bullets, option
bullets, example blocks with output, Dockerfile blocks, compose key bullets).

    python bench/generate.py 20000 > /tmp/big.md     # about 20,000 cards
"""

from __future__ import annotations

import random
import sys

COMMANDS = [
    ("docker run", ["-d", "-i", "-t", "--rm", "--name", "-v", "-p", "-e", "-w"]),
    ("docker build", ["-t", "-f", "--no-cache", "--build-arg"]),
    ("docker exec", ["-i", "-t", "-u", "-w"]),
    ("docker ps", ["-a", "-q", "-s"]),
    ("docker images", ["-a", "-q"]),
    ("docker-compose up", ["-d", "--build"]),
    ("kubectl get pods", ["-n", "-A", "-o"]),
    ("gcloud compute instances create", ["--zone", "--machine-type"]),
]
WORDS = "コンテナ イメージ ボリューム ネットワーク ポート 設定 起動 削除 確認 作成 一覧 同期 実行 接続".split()


def phrase(rnd: random.Random, n: int = 3) -> str:
    return "".join(rnd.choice(WORDS) for _ in range(n)) + "する"


def section(rnd: random.Random, i: int) -> str:
    cmd, flags = rnd.choice(COMMANDS)
    picked = rnd.sample(flags, k=min(len(flags), rnd.randint(2, 5)))
    lines = [f"### ◎ {phrase(rnd)} {i}", "", f"- `$ {cmd} ${{NAME_{i}}}`"]
    lines += [f"    - `{f}` オプション : {phrase(rnd, 2)}" for f in picked]
    lines += [
        "",
        "    ```sh",
        f"    # {phrase(rnd)}",
        f"    $ {cmd} {' '.join(picked[:2])} item{i}",
        "",
        "    NAME    STATUS",
        f"    item{i}   Up 3 seconds",
        "    ```",
        "",
    ]
    if i % 10 == 0:
        lines += [
            "```Dockerfile",
            f"# {phrase(rnd)}",
            f"FROM image{i}:latest",
            f"# {phrase(rnd)}",
            f"ENV VAR_{i} value{i}",
            "```",
            "",
            f"- container_name : {phrase(rnd)}",
            "",
        ]
    return "\n".join(lines)


def main() -> None:
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    rnd = random.Random(42)
    print("# 大きなノート\n")
    cards, i = 0, 0
    while cards < target:
        i += 1
        if i % 50 == 1:
            print(f"## ■ 章 {i // 50 + 1}\n")
        text = section(rnd, i)
        cards += text.count("オプション :") + 1 + (2 if i % 10 == 0 else 0)
        print(text)


if __name__ == "__main__":
    main()
